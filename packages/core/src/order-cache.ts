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

/**
 * Every order of a node, fed only by events: `apply(event)` is the only write. OrderInitialized adds an
 * order; any other event goes through the state machine, and a refused event throws and changes nothing.
 * Indexes by instrument, by strategy, and by group (active, open, closed) follow each change.
 */
export class OrderCache {
  readonly #orders = new Map<string, Order>();
  readonly #byInstrument = new Map<string, Set<string>>();
  readonly #byStrategy = new Map<string, Set<string>>();
  readonly #active = new Set<string>();
  readonly #open = new Set<string>();
  readonly #closed = new Set<string>();
  /** Creation order of each order id. */
  readonly #seq = new Map<string, number>();
  readonly #options: ApplyOptions;

  constructor(options: ApplyOptions = {}) {
    this.#options = options;
  }

  /** Applies an event and returns the order's new state. */
  apply(event: OrderEvent): Order {
    if (event.type === "OrderInitialized") {
      if (this.#orders.has(event.orderId)) {
        throw new InvalidStateTransitionError(
          event.orderId,
          this.#orders.get(event.orderId)!.status,
          event.type,
          `order ${event.orderId} already exists`,
          "DUPLICATE_ORDER_ID",
        );
      }
      const order = orderFromInitialized(event);
      this.#orders.set(order.id, order);
      this.#seq.set(order.id, this.#seq.size);
      index(this.#byInstrument, order.instrumentId, order.id);
      index(this.#byStrategy, order.strategyId, order.id);
      this.#regroup(order.id, 0, GROUPS[order.status]);
      return order;
    }
    const current = this.#orders.get(event.orderId);
    if (!current) {
      throw new InvalidStateTransitionError(
        event.orderId,
        "UNKNOWN",
        event.type,
        `order ${event.orderId} is unknown`,
        "UNKNOWN_ORDER",
      );
    }
    const next = applyEvent(current, event, this.#options);
    this.#orders.set(next.id, next);
    if (next.status !== current.status) this.#regroup(next.id, GROUPS[current.status], GROUPS[next.status]);
    return next;
  }

  /** Moves an order between the group sets, touching only those whose membership changes. */
  #regroup(id: string, from: number, to: number): void {
    const changed = from ^ to;
    if (changed & ACTIVE) toggle(this.#active, id, (to & ACTIVE) !== 0);
    if (changed & OPEN) toggle(this.#open, id, (to & OPEN) !== 0);
    if (changed & CLOSED) toggle(this.#closed, id, (to & CLOSED) !== 0);
  }

  get(id: string): Order | undefined {
    return this.#orders.get(id);
  }

  has(id: string): boolean {
    return this.#orders.has(id);
  }

  get size(): number {
    return this.#orders.size;
  }

  /** All orders matching the query, in creation order. */
  orders(query: OrderQuery = {}): Order[] {
    return this.#select(undefined, query);
  }
  /** Not yet terminal (local, in flight or working): what a strategy calls its open orders. */
  activeOrders(query: OrderQuery = {}): Order[] {
    return this.#select(this.#active, query);
  }
  /** Working at the venue: ACCEPTED, TRIGGERED, PENDING_*, PARTIALLY_FILLED. */
  openOrders(query: OrderQuery = {}): Order[] {
    return this.#select(this.#open, query);
  }
  /** Terminal: FILLED, CANCELED, EXPIRED, REJECTED, DENIED, FAILED. */
  closedOrders(query: OrderQuery = {}): Order[] {
    return this.#select(this.#closed, query);
  }

  /** How many open orders (working at the venue) match; no array is built. */
  openCount(query: Omit<OrderQuery, "status"> = {}): number {
    return this.#scan(this.#open, query, null, null);
  }

  /** How many active (not terminal) orders match; no array is built. */
  activeCount(query: Omit<OrderQuery, "status"> = {}): number {
    return this.#scan(this.#active, query, null, null);
  }

  #select(group: Set<string> | undefined, query: OrderQuery): Order[] {
    const out: Order[] = [];
    const statuses =
      query.status === undefined
        ? null
        : new Set(typeof query.status === "string" ? [query.status] : query.status);
    this.#scan(group, query, statuses, out);
    // Group sets are reordered when an order re-enters one (a late fill); report in creation order.
    if (group !== undefined) out.sort((a, b) => this.#seq.get(a.id)! - this.#seq.get(b.id)!);
    return out;
  }

  /**
   * Walks the smallest of the candidate sets (group, instrument, strategy) and checks the other
   * conditions on each order, so asking for one instrument's open orders costs what is open, not what
   * was ever traded.
   */
  #scan(
    group: Set<string> | undefined,
    query: OrderQuery,
    statuses: Set<OrderStatus> | null,
    out: Order[] | null,
  ): number {
    const byInstrument =
      query.instrumentId === undefined ? undefined : (this.#byInstrument.get(query.instrumentId) ?? EMPTY);
    const byStrategy =
      query.strategyId === undefined ? undefined : (this.#byStrategy.get(query.strategyId) ?? EMPTY);
    let base: ReadonlySet<string> | Map<string, Order> = group ?? this.#orders;
    if (byInstrument !== undefined && byInstrument.size < base.size) base = byInstrument;
    if (byStrategy !== undefined && byStrategy.size < base.size) base = byStrategy;
    let count = 0;
    for (const id of base.keys()) {
      if (group !== undefined && base !== group && !group.has(id)) continue;
      const order = this.#orders.get(id)!;
      if (query.instrumentId !== undefined && order.instrumentId !== query.instrumentId) continue;
      if (query.strategyId !== undefined && order.strategyId !== query.strategyId) continue;
      if (statuses !== null && !statuses.has(order.status)) continue;
      count++;
      out?.push(order);
    }
    return count;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

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

function index(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(id);
}

function toggle(set: Set<string>, id: string, on: boolean): void {
  if (on) set.add(id);
  else set.delete(id);
}
