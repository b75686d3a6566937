import { ORDER_STATUSES, type OrderStatus } from "./enums.js";
import { InvalidStateTransitionError } from "./errors.js";
import type { OrderEvent } from "./events.js";
import { isActive, isClosed, isOpen, type Order } from "./order.js";
import { orderFromInitialized } from "./order-factory.js";
import { type ApplyOptions, applyEvent } from "./order-state-machine.js";

export interface OrderQuery {
  readonly instrumentId?: string;
  readonly strategyId?: string;
  readonly status?: OrderStatus | readonly OrderStatus[];
}

/** One order in the cache: its latest state, its place in creation order and in the group lists. */
interface Entry {
  order: Order;
  readonly seq: number;
  /** Index in the active list, or -1. */
  activeAt: number;
  /** Index in the open list, or -1. */
  openAt: number;
}

/**
 * Every order of a node, fed only by events: `apply(event)` is the only write. OrderInitialized adds an
 * order; any other event goes through the state machine, and a refused event throws and changes nothing.
 * Indexes by instrument and by strategy (append-only: orders are never removed) and by group (active,
 * open) follow each change once a query has needed them; closed orders are the rest, found by scanning.
 */
export class OrderCache {
  /** Entries by order id; an event replaces the entry's order, not the map's value. */
  readonly #entries = new Map<string, Entry>();
  /** Every entry in creation order. */
  readonly #all: Entry[] = [];
  readonly #byInstrument = new Map<string, Entry[]>();
  readonly #byStrategy = new Map<string, Entry[]>();
  /**
   * The active and open groups, as lists in no particular order: an entry knows its index, so leaving
   * swaps the last entry into its place (no hashing, and no table rebuilt as orders come and go).
   */
  readonly #active: Entry[] = [];
  readonly #open: Entry[] = [];
  readonly #options: ApplyOptions;
  /** The entry an event was last applied to: an order's events often come one after another. */
  #last: Entry | null = null;
  /**
   * Whether the indexes and group lists are built. A backtest may ask for orders only at its end, so they
   * are built from `#all` by the first query and kept up to date by `apply` from then on: until then
   * an order's events do no index work.
   */
  #indexed = false;

  constructor(options: ApplyOptions = {}) {
    this.#options = options;
  }

  /** Applies an event and returns the order's new state. */
  apply(event: OrderEvent): Order {
    if (event.type === "OrderInitialized") {
      const existing = this.#entries.get(event.orderId);
      if (existing !== undefined) {
        throw new InvalidStateTransitionError(
          event.orderId,
          existing.order.status,
          event.type,
          `order ${event.orderId} already exists`,
          "DUPLICATE_ORDER_ID",
        );
      }
      const order = orderFromInitialized(event);
      const entry: Entry = { order, seq: this.#all.length, activeAt: -1, openAt: -1 };
      this.#entries.set(order.id, entry);
      this.#all.push(entry);
      if (this.#indexed) this.#index(entry);
      this.#last = entry;
      return order;
    }
    const last = this.#last;
    const entry = last !== null && last.order.id === event.orderId ? last : this.#entries.get(event.orderId);
    if (entry === undefined) {
      throw new InvalidStateTransitionError(
        event.orderId,
        "UNKNOWN",
        event.type,
        `order ${event.orderId} is unknown`,
        "UNKNOWN_ORDER",
      );
    }
    this.#last = entry;
    const current = entry.order;
    const next = applyEvent(current, event, this.#options);
    entry.order = next;
    if (this.#indexed && next.status !== current.status) {
      this.#regroup(entry, GROUPS[current.status], GROUPS[next.status]);
    }
    return next;
  }

  /** Adds an entry to the indexes and to its groups' lists. */
  #index(entry: Entry): void {
    const order = entry.order;
    index(this.#byInstrument, order.instrumentId, entry);
    index(this.#byStrategy, order.strategyId, entry);
    this.#regroup(entry, 0, GROUPS[order.status]);
  }

  /** Moves an order between the group lists, touching only those whose membership changes. */
  #regroup(entry: Entry, from: number, to: number): void {
    const changed = from ^ to;
    if (changed & ACTIVE) move(this.#active, entry, "activeAt", (to & ACTIVE) !== 0);
    if (changed & OPEN) move(this.#open, entry, "openAt", (to & OPEN) !== 0);
  }

  get(id: string): Order | undefined {
    return this.#entries.get(id)?.order;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  get size(): number {
    return this.#all.length;
  }

  /** All orders matching the query, in creation order. */
  orders(query: OrderQuery = {}): Order[] {
    return this.#select(ANY, query);
  }
  /** Not yet terminal (local, in flight or working): what a strategy calls its open orders. */
  activeOrders(query: OrderQuery = {}): Order[] {
    return this.#select(ACTIVE, query);
  }
  /** Working at the venue: ACCEPTED, TRIGGERED, PENDING_*, PARTIALLY_FILLED. */
  openOrders(query: OrderQuery = {}): Order[] {
    return this.#select(OPEN, query);
  }
  /** Terminal: FILLED, CANCELED, EXPIRED, REJECTED, DENIED, FAILED. */
  closedOrders(query: OrderQuery = {}): Order[] {
    return this.#select(CLOSED, query);
  }

  /** How many open orders (working at the venue) match; no array is built. */
  openCount(query: Omit<OrderQuery, "status"> = {}): number {
    return this.#scan(OPEN, query, null, null);
  }

  /** How many active (not terminal) orders match; no array is built. */
  activeCount(query: Omit<OrderQuery, "status"> = {}): number {
    return this.#scan(ACTIVE, query, null, null);
  }

  #select(group: number, query: OrderQuery): Order[] {
    const out: Entry[] = [];
    const statuses =
      query.status === undefined
        ? null
        : new Set(typeof query.status === "string" ? [query.status] : query.status);
    this.#scan(group, query, statuses, out);
    // The group lists are in no particular order; report in creation order.
    if (group === ACTIVE || group === OPEN) out.sort((a, b) => a.seq - b.seq);
    return out.map((e) => e.order);
  }

  /**
   * Walks the smallest of the candidate collections (the group's list when it has one, the instrument's
   * or the strategy's orders, else all) and checks the other conditions on each order, so asking for one
   * instrument's open orders costs what is open, not what was ever traded.
   */
  #scan(group: number, query: OrderQuery, statuses: Set<OrderStatus> | null, out: Entry[] | null): number {
    if (!this.#indexed) {
      this.#indexed = true;
      for (const entry of this.#all) this.#index(entry);
    }
    const byInstrument =
      query.instrumentId === undefined ? undefined : (this.#byInstrument.get(query.instrumentId) ?? NONE);
    const byStrategy =
      query.strategyId === undefined ? undefined : (this.#byStrategy.get(query.strategyId) ?? NONE);
    const groupList = group === ACTIVE ? this.#active : group === OPEN ? this.#open : null;
    let base: readonly Entry[] = groupList ?? this.#all;
    let baseSize = base.length;
    if (byInstrument !== undefined && byInstrument.length < baseSize) {
      base = byInstrument;
      baseSize = byInstrument.length;
    }
    if (byStrategy !== undefined && byStrategy.length < baseSize) base = byStrategy;
    let count = 0;
    for (let i = 0; i < base.length; i++) {
      const entry = base[i]!;
      const order = entry.order;
      if (group !== ANY && (GROUPS[order.status] & group) === 0) continue;
      if (query.instrumentId !== undefined && order.instrumentId !== query.instrumentId) continue;
      if (query.strategyId !== undefined && order.strategyId !== query.strategyId) continue;
      if (statuses !== null && !statuses.has(order.status)) continue;
      count++;
      out?.push(entry);
    }
    return count;
  }
}

const NONE: readonly Entry[] = [];

const ANY = 0;
const ACTIVE = 1;
const OPEN = 2;
const CLOSED = 4;
/** The groups of each status (bits), from order.ts's isActive / isOpen / isClosed. */
const GROUPS = Object.fromEntries(
  ORDER_STATUSES.map((s) => [
    s,
    (isActive(s) ? ACTIVE : 0) | (isOpen(s) ? OPEN : 0) | (isClosed(s) ? CLOSED : 0),
  ]),
) as Readonly<Record<OrderStatus, number>>;

function index(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  list.push(entry);
}

/**
 * Puts an entry into a group list or takes it out; `at` is the entry's field holding its index there.
 * Leaving swaps the list's last entry into the freed place.
 */
function move(list: Entry[], entry: Entry, at: "activeAt" | "openAt", into: boolean): void {
  if (into) {
    entry[at] = list.length;
    list.push(entry);
    return;
  }
  const last = list.pop()!;
  if (last !== entry) {
    list[entry[at]] = last;
    last[at] = entry[at];
  }
  entry[at] = -1;
}
