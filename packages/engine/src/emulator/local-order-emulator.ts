import {
  type Bar,
  canBeTriggered,
  Decimal,
  DenyReason,
  hasLimitPrice,
  hasTriggerPrice,
  type Instrument,
  isActive,
  isClosed,
  isOnStep,
  isTrailing,
  type MarketData,
  type Order,
  type OrderEvent,
  type OrderEventOf,
  type OrderEventType,
  orderEvent,
  type QuoteTick,
  roundQuantityToLot,
  ValidationError,
  type ValidationIssue,
  type VenueCapabilities,
  ZERO,
} from "@ordo/core";
import {
  barPathPrices,
  reachesActivation,
  type SessionCalendar,
  trailedPrice,
  trailingDistance,
  trailingUpdate,
  trailingZeroRefusal,
  trailsToZero,
  utcDayCalendar,
} from "@ordo/execution";
import { z } from "zod";
import type { EmulatorHost, OrderEmulator } from "../order-emulator.js";
import {
  contingencyTypesOf,
  type EmulationPlan,
  linkedIdsOf,
  needsLocalWork,
  orderPlan,
} from "./emulation-plan.js";
import { crossedOnTheWay, reached, triggerDirection } from "./trigger-rules.js";
import { venueCopy } from "./venue-copy.js";

/** zod schema of the emulator's options: the venue's own rules, so local triggers match native ones. */
export const LocalOrderEmulatorOptionsSchema = z.strictObject({
  /** The venue's fill timing: "next-close" reads bars at their close only; "same-close" also meets the close at arrival. */
  fillTiming: z.enum(["next-open", "next-close", "same-close"]).default("next-open"),
  /** How bars are walked: "ohlc" (open, high, low, close) or "adaptive" (the extreme nearer the open first). */
  barPath: z.enum(["ohlc", "adaptive"]).default("ohlc"),
  /** When OTO children are released: the parent's first fill (default) or its full fill. */
  otoRelease: z.enum(["first-fill", "full-fill"]).default("first-fill"),
  /** Sessions for DAY orders: `(instrumentId, ts) => { open, close } | null` (default: UTC days). */
  sessions: z
    .custom<SessionCalendar>(
      (v) => typeof v === "function",
      "must be a function (instrumentId, ts) => session",
    )
    .optional(),
});
export type LocalOrderEmulatorOptions = z.input<typeof LocalOrderEmulatorOptionsSchema>;

/** Validates the options; throws one ValidationError listing every bad field. */
function parseEmulatorOptions(
  options: LocalOrderEmulatorOptions,
): z.output<typeof LocalOrderEmulatorOptionsSchema> {
  const parsed = LocalOrderEmulatorOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })),
    );
  }
  return parsed.data;
}

/**
 * Where a managed order is:
 * - "pending": to be sent once the rest of its group is registered;
 * - "waiting": held until its OTO parent fills;
 * - "working": held, its trigger watched locally;
 * - "sent": at the venue (the emulator still works its links and, when the venue lacks it, its expiry);
 * - "refused": canceled here because its trailing prices cannot work (the rest of a bar's walk skips it).
 */
type Phase = "pending" | "waiting" | "working" | "sent" | "refused";

interface Entry {
  readonly id: string;
  readonly instrument: Instrument;
  readonly plan: EmulationPlan;
  phase: Phase;
  /** When it started watching its trigger: bars closing after it, and ticks from it on, can trigger it. */
  armedAt: number;
  /** A trailing order with an activation price trails (and triggers) only once the market reaches it. */
  trailingActive: boolean;
  /** DAY: its session's close; GTD: expireAt; null: no expiry kept here. */
  expireAt: number | null;
  /** OTO child: quantity asked for, whether its parent released it, and the quantity released so far. */
  plannedQuantity: Decimal;
  released: boolean;
  granted: Decimal;
  /** The linked order whose fill made the emulator cancel this one: the cancel's cascade spares it. */
  cancelCause: string | null;
  cancelRequested: boolean;
  /** Released as a market order and neither filled nor closed yet: its OCO / OUO siblings do not trigger. */
  marketInFlight: boolean;
}

interface Hit {
  readonly entry: Entry;
  readonly at: Decimal;
}

type OutboxItem =
  | { readonly kind: "send"; readonly id: string }
  | { readonly kind: "arrive"; readonly id: string }
  | { readonly kind: "grant"; readonly parentId: string };

type LinkType = "OCO" | "OUO";

const timerName = (orderId: string) => `ordo.emulator.expire:${orderId}`;

/**
 * The order emulator of DESIGN.md sections 2, 4 and 8: holds every order whose type, time in force or
 * contingency the venue lacks and works it locally on market data, after the venue matched it:
 * - stop, touch and trailing orders are triggered by the simulated venue's rules (bar path, quotes,
 *   trades; trailing ratchets) and then released (OrderReleased, OrderSubmitted) to the venue as MARKET or
 *   LIMIT orders with the same id;
 * - OTO children are held until the parent fills and sized to its fills; OCO siblings are canceled and OUO
 *   siblings reduced on a fill; canceling or expiring an order cancels its links;
 * - DAY and GTD orders expire on the node's clock.
 * Rules, event sequences and how fills differ from native orders: docs/emulator.md.
 */
export class LocalOrderEmulator implements OrderEmulator {
  readonly capabilities: VenueCapabilities;
  readonly #host: EmulatorHost;
  readonly #fillTiming: "next-open" | "next-close" | "same-close";
  readonly #barPath: "ohlc" | "adaptive";
  readonly #otoRelease: "first-fill" | "full-fill";
  readonly #sessions: SessionCalendar;

  /** Plans decided for a group whose orders are still being handed over, by order id. */
  readonly #plans = new Map<string, EmulationPlan>();
  /** Orders of the group being handed over that `hold` has not seen yet. */
  readonly #awaiting = new Set<string>();
  /** What to do once the whole group is registered: sends, arrival checks, OTO releases. */
  readonly #outbox: OutboxItem[] = [];
  readonly #entries = new Map<string, Entry>();
  /** Orders whose trigger is watched here, per instrument, in the order they started. */
  readonly #working = new Map<string, Entry[]>();
  /** OCO / OUO links, both ways: order id -> linked id -> type. */
  readonly #links = new Map<string, Map<string, LinkType>>();
  /** OTO parent id -> child ids, and child id -> parent id. */
  readonly #children = new Map<string, string[]>();
  readonly #parentOf = new Map<string, string>();
  /** Every order whose links the emulator took over: a later child of one joins it. */
  readonly #managed = new Set<string>();
  readonly #lastQuote = new Map<string, QuoteTick>();
  readonly #lastBar = new Map<string, Bar>();

  constructor(host: EmulatorHost, capabilities: VenueCapabilities, options: LocalOrderEmulatorOptions = {}) {
    const o = parseEmulatorOptions(options);
    this.#host = host;
    this.capabilities = capabilities;
    this.#fillTiming = o.fillTiming;
    this.#barPath = o.barPath;
    this.#otoRelease = o.otoRelease;
    this.#sessions = o.sessions ?? utcDayCalendar;
  }

  /** Whether the emulator holds the order now (HELD: waiting for its parent or its trigger). */
  holds(orderId: string): boolean {
    const e = this.#entries.get(orderId);
    return e !== undefined && (e.phase === "waiting" || e.phase === "working");
  }

  // -----------------------------------------------------------------------------------------------------
  // Taking orders
  // -----------------------------------------------------------------------------------------------------

  needsEmulation(order: Order): boolean {
    if (this.#plans.has(order.id)) return true;
    const caps = this.capabilities;
    // The common case, decided without allocating: a plain order the venue takes as it is.
    if (
      order.contingency === null &&
      !this.#parentOf.has(order.id) &&
      caps.orderTypes.includes(order.type) &&
      caps.timeInForce.includes(order.timeInForce)
    ) {
      return false;
    }
    const plans = this.#decide(order);
    if (plans === null) return false;
    for (const [id, plan] of plans) {
      this.#plans.set(id, plan);
      this.#awaiting.add(id);
    }
    return this.#plans.has(order.id);
  }

  /**
   * Plans for the order and the orders linked to it that are still to be routed; null when the venue
   * takes them all natively. If the emulator must touch any order of a linked group (its type, time in
   * force, or a contingency the venue lacks), it works all of the group's links; if one of them cannot be
   * emulated, the whole group is denied (nothing half applied).
   */
  #decide(order: Order): Map<string, EmulationPlan> | null {
    const caps = this.capabilities;
    const group = this.#group(order);
    const fresh = group.filter((o) => o.status === "INITIALIZED");
    const linked = group.some((o) => contingencyTypesOf(o).length > 0);
    const own = new Map(fresh.map((o) => [o.id, orderPlan(o, caps, linked)]));
    const unsupportedLink = group.some((o) =>
      contingencyTypesOf(o).some((t) => !caps.contingencies.includes(t)),
    );
    const managed =
      unsupportedLink || group.some((o) => this.#managed.has(o.id)) || [...own.values()].some(needsLocalWork);
    if (!managed) return null;

    const now = this.#host.now();
    const problems = new Map<string, string>();
    for (const o of fresh) {
      const plan = own.get(o.id)!;
      if (plan.denial !== null) problems.set(o.id, plan.denial);
      else if (o.timeInForce === "GTD" && o.expireAt !== null && o.expireAt <= now) {
        problems.set(o.id, `EXPIRED: GTD expireAt ${o.expireAt} is not after the current time ${now}`);
      } else if (
        o.trailing !== null &&
        o.side === "SELL" &&
        plan.localTrigger &&
        !hasParent(o, group, linked)
      ) {
        const refusal = this.#trailingRefusal(o);
        if (refusal !== null) problems.set(o.id, refusal);
      }
    }
    const native = linked ? group.filter((o) => o.status !== "INITIALIZED" && !this.#managed.has(o.id)) : [];
    let groupDenial: string | null = null;
    if (native.length > 0) {
      groupDenial = `it is linked to ${native.map((o) => o.id).join(", ")}, whose links the venue already works natively`;
    } else if (linked && problems.size > 0) {
      const [id, why] = problems.entries().next().value!;
      groupDenial = `linked order ${id} cannot be emulated: ${why}`;
    }
    const plans = new Map<string, EmulationPlan>();
    for (const o of fresh) {
      const plan = own.get(o.id)!;
      const denial = problems.get(o.id) ?? groupDenial;
      plans.set(o.id, denial === null ? plan : { ...plan, denial });
    }
    return plans;
  }

  /**
   * A SELL trailing order held here that would trail from the price it meets on arrival to a trigger (or
   * limit) at or below 0 is denied, as the simulated venue rejects it. Without a price at arrival, its
   * first trail decides: it is canceled there with the same reason (#trail).
   */
  #trailingRefusal(order: Order): string | null {
    const arrival = this.#arrivalPrice(order, this.#host.now());
    if (arrival === null) return null;
    const activation = order.trailing!.activationPrice;
    if (activation !== null && !reachesActivation("SELL", activation, arrival.price)) return null;
    const instrument = this.#host.instrument(order.instrumentId);
    if (instrument === undefined) return null;
    return trailingZeroRefusal(order, order, arrival.price, arrival.name, instrument);
  }

  /**
   * The order and every order linked to it, directly or through others, that the node knows (a child
   * listed only in its parent's linked ids is found through the parent the emulator recorded for it).
   */
  #group(order: Order): Order[] {
    const seen = new Map<string, Order>([[order.id, order]]);
    const queue = [order];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      const parentId = this.#parentOf.get(next.id);
      const ids = parentId === undefined ? linkedIdsOf(next) : [...linkedIdsOf(next), parentId];
      for (const id of ids) {
        if (seen.has(id)) continue;
        const other = this.#host.order(id);
        if (other === undefined) continue;
        seen.set(id, other);
        queue.push(other);
      }
    }
    return [...seen.values()];
  }

  hold(order: Order): void {
    const plan = this.#plans.get(order.id) ?? this.#decide(order)?.get(order.id) ?? null;
    this.#plans.delete(order.id);
    this.#awaiting.delete(order.id);
    const current = this.#host.order(order.id) ?? order;
    // A linked order's fill may already have canceled it while its group was handed over.
    if (current.status === "INITIALIZED") {
      if (plan === null) {
        this.#emit(current, "OrderSubmitted", this.#host.now(), {});
        const submitted = this.#host.order(current.id);
        if (submitted?.status === "SUBMITTED") this.#host.sendToVenue(submitted, submitted);
      } else if (plan.denial !== null) {
        this.#emit(current, "OrderDenied", this.#host.now(), {
          code: DenyReason.INVALID_ORDER,
          reason: `cannot emulate ${current.type} ${current.timeInForce} order ${current.id}: ${plan.denial}`,
        });
      } else {
        this.#take(current, plan);
      }
    }
    if (this.#awaiting.size === 0) this.#flush();
  }

  #take(order: Order, plan: EmulationPlan): void {
    const instrument = this.#host.instrument(order.instrumentId);
    if (instrument === undefined) throw new Error(`the node does not trade ${order.instrumentId}`);
    const e: Entry = {
      id: order.id,
      instrument,
      plan,
      phase: "pending",
      armedAt: this.#host.now(),
      trailingActive: order.trailing?.activationPrice == null,
      expireAt: null,
      plannedQuantity: order.quantity,
      released: false,
      granted: ZERO,
      cancelCause: null,
      cancelRequested: false,
      marketInFlight: false,
    };
    this.#entries.set(order.id, e);
    if (plan.managesLinks) {
      this.#managed.add(order.id);
      this.#register(order);
    }
    const now = this.#host.now();
    const parentId = plan.managesLinks ? (this.#parentOf.get(order.id) ?? null) : null;
    if (parentId !== null) {
      e.phase = "waiting";
      this.#addChildren(parentId, [order.id]); // the parent may be gone from here already (filled)
      this.#emit(order, "OrderHeld", now, { reason: `OTO: waits for parent order ${parentId} to fill` });
      this.#armExpiry(e, order, now);
      const parent = this.#host.order(parentId);
      if (parent?.filledQuantity.gt(ZERO)) {
        this.#outbox.push({ kind: "grant", parentId });
      } else if (parent !== undefined && isClosed(parent.status)) {
        this.#cancelLinked(
          order.id,
          `OTO: parent order ${parentId} is ${parent.status} without a fill`,
          null,
          now,
        );
      }
    } else if (plan.localTrigger) {
      e.phase = "working";
      this.#emit(order, "OrderHeld", now, {
        reason: `the venue does not support ${order.type}: the emulator triggers it and sends a ${plan.sendType}`,
      });
      this.#armExpiry(e, order, now);
      this.#startWorking(e);
      this.#outbox.push({ kind: "arrive", id: order.id });
    } else {
      if (plan.localExpiry) this.#armExpiry(e, order, now);
      this.#outbox.push({ kind: "send", id: order.id });
    }
  }

  /** Records the links of an order whose links the emulator works. */
  #register(order: Order): void {
    const c = order.contingency;
    if (c === null) return;
    if (c.type === "OTO") {
      this.#addChildren(order.id, c.linkedIds);
      for (const child of c.linkedIds) if (!this.#parentOf.has(child)) this.#parentOf.set(child, order.id);
    } else if (c.type === "OCO" || c.type === "OUO") {
      for (const other of c.linkedIds) {
        this.#link(order.id, other, c.type);
        this.#link(other, order.id, c.type);
      }
    }
    if (c.parentId !== null) {
      this.#parentOf.set(order.id, c.parentId);
      this.#addChildren(c.parentId, [order.id]);
    }
  }

  #addChildren(parentId: string, ids: readonly string[]): void {
    let list = this.#children.get(parentId);
    if (list === undefined) {
      list = [];
      this.#children.set(parentId, list);
    }
    for (const id of ids) if (!list.includes(id)) list.push(id);
  }

  #link(from: string, to: string, type: LinkType): void {
    let links = this.#links.get(from);
    if (links === undefined) {
      links = new Map();
      this.#links.set(from, links);
    }
    if (!links.has(to)) links.set(to, type);
  }

  /** Runs what waited for the whole group to be registered, in order. */
  #flush(): void {
    this.#awaiting.clear();
    for (let item = this.#outbox.shift(); item !== undefined; item = this.#outbox.shift()) {
      if (item.kind === "grant") {
        const parent = this.#host.order(item.parentId);
        if (parent !== undefined) this.#releaseChildren(item.parentId, parent);
        continue;
      }
      const e = this.#entries.get(item.id);
      if (e === undefined) continue;
      if (item.kind === "arrive") this.#meetOnArrival(e);
      else if (e.phase === "pending" && this.#host.order(e.id)?.status === "INITIALIZED") this.#send(e);
    }
  }

  // -----------------------------------------------------------------------------------------------------
  // Releasing and sending
  // -----------------------------------------------------------------------------------------------------

  /** OrderSubmitted, then the venue's copy to the venue. */
  #send(e: Entry): void {
    const order = this.#host.order(e.id)!;
    e.phase = "sent";
    this.#emit(order, "OrderSubmitted", this.#host.now(), {});
    const submitted = this.#host.order(e.id);
    if (submitted?.status !== "SUBMITTED") return;
    e.marketInFlight = e.plan.sendType === "MARKET";
    this.#host.sendToVenue(submitted, venueCopy(submitted, e.plan));
  }

  /** A held order leaves: OrderReleased (with the price that triggered it, if any), then it is sent. */
  #release(e: Entry, price: Decimal | null, ts: number): void {
    this.#stopWorking(e);
    let order = this.#host.order(e.id)!;
    if (e.plan.localTrigger && order.type === "TRAILING_STOP_LIMIT" && order.price === null) {
      // Not trailed yet: the limit is set from the trigger price by its limit offset, as the venue does.
      const limitOffset = order.trailing?.limitOffset ?? null;
      if (price === null || limitOffset === null) {
        this.#emit(order, "OrderCanceled", ts, {
          reason: `TRAILING_STOP_LIMIT ${order.id} has neither a limit price nor a limit offset to release it with`,
        });
        return;
      }
      const distance = trailingDistance(
        order.trailing!.offsetType,
        limitOffset,
        price,
        e.instrument.tickSize,
      );
      const limit = trailedPrice(e.instrument, order.side, price, distance);
      if (limit.isNegative() || limit.isZero()) {
        // Released before it ever trailed, a SELL's limit offset beyond the price leaves no limit to send.
        this.#refuse(e, order, trailingZeroRefusal(order, order, price, "price", e.instrument), ts);
        return;
      }
      this.#emit(order, "OrderUpdated", ts, { quantity: null, price: limit, triggerPrice: null });
      order = this.#host.order(e.id)!;
    }
    this.#emit(order, "OrderReleased", ts, { releasedPrice: price });
    if (this.#host.order(e.id)?.status !== "RELEASED") return;
    // From here the venue keeps the order's DAY / GTD, unless it lacks them.
    if (!e.plan.localExpiry && e.expireAt !== null) {
      this.#host.cancelTimer(timerName(e.id));
      e.expireAt = null;
    }
    this.#send(e);
  }

  // -----------------------------------------------------------------------------------------------------
  // Market data: triggers and trailing
  // -----------------------------------------------------------------------------------------------------

  onMarketData(data: MarketData): void {
    // Normally empty here: a group is flushed as soon as its last order is handed over.
    if (this.#outbox.length > 0) this.#flush();
    const instrumentId = data.instrumentId;
    const list = this.#working.get(instrumentId);
    if (list !== undefined && list.length > 0) {
      if (data.kind === "bar") this.#onBar(list, data);
      else if (data.kind === "quote")
        // A side at 0 is "no bid" (or "no ask"): orders of that side have nothing to meet, as on the venue.
        this.#onTick(
          list,
          new Decimal(data.ask),
          new Decimal(data.bid),
          data.ts,
          true,
          data.ask > 0,
          data.bid > 0,
        );
      else {
        const price = new Decimal(data.price);
        this.#onTick(list, price, price, data.ts, false);
      }
    }
    if (data.kind === "quote") this.#lastQuote.set(instrumentId, data);
    else if (data.kind === "bar" && this.#fillTiming === "same-close") this.#lastBar.set(instrumentId, data);
  }

  /**
   * A bar walked as the venue walks it: at the open every order whose trigger the open reaches is hit
   * there; then each stretch of the path hits the triggers it crosses, in the order the price reaches
   * them; trailing orders trail at every point after its hits.
   */
  #onBar(list: readonly Entry[], bar: Bar): void {
    const eligible = list.filter((e) => e.armedAt < bar.ts);
    if (eligible.length === 0) return;
    const points = this.#fillTiming === "next-close" ? [bar.close] : barPathPrices(bar, this.#barPath);
    let from = new Decimal(points[0]!);
    this.#hitAlong(eligible, bar.ts, from, from);
    this.#trailAt(eligible, bar.ts, from);
    for (let i = 1; i < points.length; i++) {
      const to = new Decimal(points[i]!);
      if (!from.eq(to)) this.#hitAlong(eligible, bar.ts, from, to);
      this.#trailAt(eligible, bar.ts, to);
      from = to;
    }
  }

  #hitAlong(entries: readonly Entry[], ts: number, from: Decimal, to: Decimal): void {
    const jump = from.eq(to);
    const hits: Hit[] = [];
    for (const e of entries) {
      if (e.phase !== "working" || this.#suspended(e)) continue;
      const order = this.#host.order(e.id)!;
      const level = this.#level(e, order);
      if (level === null) continue;
      const direction = triggerDirection(order.type, order.side);
      if (jump ? reached(direction, level, from) : crossedOnTheWay(direction, level, from, to)) {
        hits.push({ entry: e, at: jump ? from : level });
      }
    }
    if (hits.length === 0) return;
    // In the order the price reaches them; ties keep the order they started in (a stable sort).
    if (!jump) hits.sort(to.gt(from) ? (a, b) => a.at.cmp(b.at) : (a, b) => b.at.cmp(a.at));
    for (const hit of hits) {
      if (hit.entry.phase === "working" && !this.#suspended(hit.entry)) this.#release(hit.entry, hit.at, ts);
    }
  }

  #trailAt(entries: readonly Entry[], ts: number, basis: Decimal): void {
    for (const e of entries) {
      if (e.phase !== "working") continue;
      const order = this.#host.order(e.id)!;
      if (isTrailing(order.type)) this.#trail(e, order, basis, "price", ts);
    }
  }

  /** A quote (buys meet the ask, sells the bid) or a trade print: triggers on the touch, then trailing. */
  #onTick(
    list: readonly Entry[],
    buyPrice: Decimal,
    sellPrice: Decimal,
    ts: number,
    isQuote: boolean,
    buysMeet = true,
    sellsMeet = true,
  ): void {
    for (const e of list.slice()) {
      if (e.phase !== "working" || e.armedAt > ts) continue;
      const order = this.#host.order(e.id)!;
      const buy = order.side === "BUY";
      if (!(buy ? buysMeet : sellsMeet)) continue;
      const price = buy ? buyPrice : sellPrice;
      if (this.#meet(e, order, price, ts)) continue;
      if (isTrailing(order.type)) this.#trail(e, order, price, isQuote ? (buy ? "ask" : "bid") : "price", ts);
    }
  }

  /** Releases the order when `price` reaches its trigger; true when it did. */
  #meet(e: Entry, order: Order, price: Decimal, ts: number): boolean {
    if (this.#suspended(e)) return false;
    const level = this.#level(e, order);
    if (level === null || !reached(triggerDirection(order.type, order.side), level, price)) return false;
    this.#release(e, price, ts);
    return true;
  }

  /**
   * An order that starts watching its trigger meets the market at once when there is a market now, as on
   * the venue: the latest quote, or (same-close) the close of the bar that closed at this very moment. A
   * trailing order not released there trails from that price, as the venue's does.
   */
  #meetOnArrival(e: Entry): void {
    if (e.phase !== "working") return;
    const order = this.#host.order(e.id)!;
    const now = this.#host.now();
    const arrival = this.#arrivalPrice(order, now);
    if (arrival === null) return;
    if (this.#meet(e, order, arrival.price, now)) return;
    if (isTrailing(order.type)) this.#trail(e, order, arrival.price, arrival.name, now);
  }

  /**
   * The price an order meets on arrival, as on the venue: its side of the latest quote, or (same-close)
   * the close of the bar that closed now; with its name for a reason ("bid", "ask", "close"); or null.
   */
  #arrivalPrice(order: Order, now: number): { price: Decimal; name: string } | null {
    const quote = this.#lastQuote.get(order.instrumentId);
    if (quote !== undefined) {
      const buy = order.side === "BUY";
      const quoted = buy ? quote.ask : quote.bid;
      if (!(quoted > 0)) return null; // "no ask" / "no bid": nothing to meet
      return { price: new Decimal(quoted), name: buy ? "ask" : "bid" };
    }
    const bar = this.#lastBar.get(order.instrumentId);
    if (bar !== undefined && bar.ts === now) return { price: new Decimal(bar.close), name: "close" };
    return null;
  }

  /** The trigger the price must reach; null for a trailing order not yet activated or placed. */
  #level(e: Entry, order: Order): Decimal | null {
    if (!e.trailingActive) return null;
    return order.triggerPrice;
  }

  /**
   * Trailing: the simulated venue's rule (basis ∓ offset on the tick, ratcheting in the holder's favour).
   * `basisName` names the basis in a refusal: "bid", "ask", "price" (a bar's path, a trade), "close".
   */
  #trail(e: Entry, order: Order, basis: Decimal, basisName: string, ts: number): void {
    const trailing = order.trailing;
    if (trailing === null) return;
    if (!e.trailingActive) {
      if (
        trailing.activationPrice === null ||
        !reachesActivation(order.side, trailing.activationPrice, basis)
      ) {
        return;
      }
      e.trailingActive = true;
    }
    const update = trailingUpdate(e.instrument, order.side, trailing, order, basis);
    if (update === null) return;
    if (trailsToZero(update)) {
      // Its first trigger (or limit) from here would be at or below 0, where it never fires.
      this.#refuse(e, order, trailingZeroRefusal(order, order, basis, basisName, e.instrument), ts);
      return;
    }
    this.#emit(order, "OrderUpdated", ts, {
      quantity: null,
      price: update.price,
      triggerPrice: update.triggerPrice,
    });
  }

  /** Cancels a held order whose trailing prices cannot work, as the simulated venue cancels its own. */
  #refuse(e: Entry, order: Order, reason: string | null, ts: number): void {
    this.#stopWorking(e);
    e.phase = "refused";
    this.#emit(order, "OrderCanceled", ts, { reason });
  }

  /** An OCO / OUO sibling was released as a market order and is on its way: wait for its fill. */
  #suspended(e: Entry): boolean {
    const links = this.#links.get(e.id);
    if (links === undefined) return false;
    for (const otherId of links.keys()) if (this.#entries.get(otherId)?.marketInFlight) return true;
    return false;
  }

  #startWorking(e: Entry): void {
    e.phase = "working";
    e.armedAt = this.#host.now();
    const instrumentId = e.instrument.id;
    let list = this.#working.get(instrumentId);
    if (list === undefined) {
      list = [];
      this.#working.set(instrumentId, list);
    }
    list.push(e);
  }

  #stopWorking(e: Entry): void {
    const list = this.#working.get(e.instrument.id);
    const at = list?.indexOf(e) ?? -1;
    if (at >= 0) list!.splice(at, 1);
  }

  // -----------------------------------------------------------------------------------------------------
  // Order events: contingencies
  // -----------------------------------------------------------------------------------------------------

  onOrderEvent(event: OrderEvent): void {
    const e = this.#entries.get(event.orderId);
    if (e === undefined) return;
    const order = this.#host.order(event.orderId);
    if (order === undefined) return;
    switch (event.type) {
      case "OrderAccepted":
        // An emulated stop-limit's release is its trigger: once the venue works it, it is TRIGGERED.
        if (e.plan.localTrigger && canBeTriggered(order.type) && order.status === "ACCEPTED") {
          this.#emit(order, "OrderTriggered", event.tsEvent, {});
        }
        break;
      case "OrderFilled":
        e.marketInFlight = false;
        this.#afterFill(e, order, event.tsEvent);
        break;
      case "OrderCanceled":
        this.#closeLinks(e, "was canceled", event.tsEvent);
        break;
      case "OrderExpired":
        this.#closeLinks(e, "expired", event.tsEvent);
        break;
      case "OrderRejected":
      case "OrderDenied":
      case "OrderFailed":
        if (order.filledQuantity.isZero()) {
          const what = event.type.slice("Order".length).toLowerCase();
          this.#cancelWaitingChildren(
            e,
            `OTO: parent order ${e.id} was ${what} before releasing it`,
            event.tsEvent,
          );
        }
        break;
      default:
        break;
    }
    const after = this.#host.order(event.orderId);
    if (after !== undefined && isClosed(after.status)) this.#retire(e);
  }

  /** After a fill: OCO siblings canceled, OUO siblings reduced (canceled at 0), OTO children released or grown. */
  #afterFill(e: Entry, order: Order, ts: number): void {
    const links = this.#links.get(e.id);
    if (links !== undefined) {
      const leaves = order.leavesQuantity;
      for (const [otherId, type] of links) {
        const other = this.#host.order(otherId);
        const oe = this.#entries.get(otherId);
        if (other === undefined || !isActive(other.status) || oe?.cancelRequested) continue;
        if (other.status === "PENDING_CANCEL") continue;
        if (type === "OCO") this.#cancelLinked(otherId, `OCO: linked order ${e.id} filled`, e.id, ts);
        else if (leaves.isZero())
          this.#cancelLinked(otherId, `OUO: linked order ${e.id} completed`, e.id, ts);
        else if (oe !== undefined && oe.phase !== "waiting" && oe.phase !== "pending") {
          const target = other.filledQuantity.plus(leaves);
          if (target.lt(other.quantity)) this.#resize(other, target, ts);
        }
      }
    }
    const latest = this.#host.order(e.id);
    if (latest !== undefined) this.#releaseChildren(e.id, latest);
  }

  /**
   * Sizes OTO children to what the parent filled: quantity × parent filled / parent quantity, rounded
   * down to the lot (all of it once the parent is filled; with "full-fill" release only then), as the
   * simulated venue does. A child starts on its first release and grows by each later one.
   */
  #releaseChildren(parentId: string, parent: Order): void {
    const childIds = this.#children.get(parentId);
    if (childIds === undefined) return;
    for (const childId of childIds) {
      const child = this.#entries.get(childId);
      const co = this.#host.order(childId);
      if (child === undefined || co === undefined || !isActive(co.status)) continue;
      if (child.phase === "pending" || this.#parentOf.get(childId) !== parentId) continue;
      let allowed: Decimal;
      if (parent.status === "FILLED" || parent.filledQuantity.gte(parent.quantity))
        allowed = child.plannedQuantity;
      else if (this.#otoRelease === "full-fill") allowed = ZERO;
      else {
        allowed = roundQuantityToLot(
          child.instrument,
          child.plannedQuantity.times(parent.filledQuantity).div(parent.quantity),
        );
      }
      if (!allowed.gt(child.granted)) continue;
      const first = !child.released;
      const quantity = first ? allowed : co.quantity.plus(allowed.minus(child.granted));
      child.released = true;
      child.granted = allowed;
      if (first) {
        if (!quantity.eq(co.quantity)) {
          this.#emit(co, "OrderUpdated", this.#host.now(), { quantity, price: null, triggerPrice: null });
        }
        if (child.plan.localTrigger) {
          this.#startWorking(child);
          this.#meetOnArrival(child);
        } else {
          this.#release(child, null, this.#host.now());
        }
      } else if (!quantity.eq(co.quantity)) {
        this.#resize(co, quantity, this.#host.now());
      }
    }
  }

  /** Canceling or expiring an order cancels its OCO / OUO siblings and its OTO children not yet released. */
  #closeLinks(e: Entry, what: string, ts: number): void {
    const links = this.#links.get(e.id);
    if (links !== undefined) {
      for (const [otherId, type] of links) {
        if (otherId === e.cancelCause) continue;
        this.#cancelLinked(otherId, `${type}: linked order ${e.id} ${what}`, e.cancelCause, ts);
      }
    }
    this.#cancelWaitingChildren(e, `OTO: parent order ${e.id} ${what} before releasing it`, ts);
  }

  #cancelWaitingChildren(e: Entry, reason: string, ts: number): void {
    for (const childId of this.#children.get(e.id) ?? []) {
      const child = this.#entries.get(childId);
      if (child?.phase === "waiting" && this.#parentOf.get(childId) === e.id) {
        this.#cancelLinked(childId, reason, null, ts);
      }
    }
  }

  /**
   * Cancels a linked order: here when it never left (at `ts`, the time of the event that caused it), else
   * at the venue.
   */
  #cancelLinked(orderId: string, reason: string, cause: string | null, ts: number): void {
    const order = this.#host.order(orderId);
    const e = this.#entries.get(orderId);
    if (order === undefined || !isActive(order.status) || order.status === "PENDING_CANCEL") return;
    if (e?.cancelRequested) return;
    if (e !== undefined) e.cancelCause = cause;
    if (order.status === "HELD" || order.status === "INITIALIZED" || order.status === "RELEASED") {
      this.#emit(order, "OrderCanceled", ts, { reason });
      return;
    }
    if (e !== undefined) e.cancelRequested = true;
    this.#host.cancelAtVenue(orderId);
  }

  /** Sets a linked order's quantity: here when held, else at the venue. */
  #resize(order: Order, quantity: Decimal, ts: number): void {
    if (order.status === "HELD") {
      this.#emit(order, "OrderUpdated", ts, { quantity, price: null, triggerPrice: null });
    } else if (order.status !== "PENDING_CANCEL") {
      this.#host.modifyAtVenue(order.id, { quantity });
    }
  }

  /** The order is closed: forget it (its siblings find it gone and leave it alone). */
  #retire(e: Entry): void {
    this.#entries.delete(e.id);
    this.#stopWorking(e);
    this.#links.delete(e.id);
    this.#children.delete(e.id);
    this.#parentOf.delete(e.id);
    if (e.expireAt !== null) this.#host.cancelTimer(timerName(e.id));
  }

  // -----------------------------------------------------------------------------------------------------
  // Expiry
  // -----------------------------------------------------------------------------------------------------

  /** DAY expires at its session's close, GTD at its expireAt, on the node's clock. */
  #armExpiry(e: Entry, order: Order, now: number): void {
    let at: number | null = null;
    if (order.timeInForce === "GTD") at = order.expireAt;
    else if (order.timeInForce === "DAY") at = this.#sessions(order.instrumentId, now)?.close ?? null;
    if (at === null) return;
    e.expireAt = at;
    // As on the venue, data stamped at the expiry time (the closing bar) still works the order: fire just after.
    this.#host.setTimer(timerName(e.id), at + 1, () => this.#onExpiry(e.id));
  }

  #onExpiry(orderId: string): void {
    const e = this.#entries.get(orderId);
    const order = this.#host.order(orderId);
    if (e === undefined || e.expireAt === null || order === undefined || !isActive(order.status)) return;
    if (order.status === "HELD") {
      this.#emit(order, "OrderExpired", e.expireAt, {});
    } else if (order.status !== "PENDING_CANCEL" && !e.cancelRequested) {
      // The venue cannot expire it (it lacks the time in force): cancel it there.
      e.cancelRequested = true;
      this.#host.cancelAtVenue(orderId);
    }
  }

  // -----------------------------------------------------------------------------------------------------
  // Modify and cancel of held orders
  // -----------------------------------------------------------------------------------------------------

  /**
   * Changes a held order here (OrderUpdated) without touching the venue. Throws a ValidationError naming
   * each bad field (a held order has no pending state to carry an OrderModifyRejected).
   */
  modify(
    orderId: string,
    change: { quantity?: Order["quantity"]; price?: Order["price"]; triggerPrice?: Order["triggerPrice"] },
  ): boolean {
    const e = this.#entries.get(orderId);
    const order = this.#host.order(orderId);
    if (e === undefined || order === undefined || order.status !== "HELD") return false;
    const issues = modifyIssues(order, e.instrument, change);
    if (issues.length > 0) throw new ValidationError(issues);
    this.#emit(order, "OrderUpdated", this.#host.now(), {
      quantity: change.quantity ?? null,
      price: change.price ?? null,
      triggerPrice: change.triggerPrice ?? null,
    });
    if (!e.released && change.quantity != null) e.plannedQuantity = change.quantity;
    // A modified order meets the market again as if it had just arrived.
    this.#meetOnArrival(e);
    return true;
  }

  cancel(orderId: string): boolean {
    const order = this.#host.order(orderId);
    if (!this.#entries.has(orderId) || order === undefined || order.status !== "HELD") return false;
    this.#emit(order, "OrderCanceled", this.#host.now(), { reason: null });
    return true;
  }

  #emit<T extends Exclude<OrderEventType, "OrderInitialized">>(
    order: Order,
    type: T,
    ts: number,
    fields: Omit<OrderEventOf<T>, "type" | "orderId" | "instrumentId" | "strategyId" | "tsEvent" | "tsInit">,
  ): void {
    this.#host.emit(orderEvent(order, type, ts, fields, this.#host.now()));
  }
}

/**
 * Whether an order waits for an OTO parent here: it names one, or an order of its group lists it as a
 * child (only when the emulator works the group's links).
 */
function hasParent(order: Order, group: readonly Order[], linked: boolean): boolean {
  if (!linked) return false;
  if (order.contingency?.parentId != null) return true;
  return group.some((o) => o.contingency?.type === "OTO" && o.contingency.linkedIds.includes(order.id));
}

/** What is wrong with a change to a held order, field by field. */
function modifyIssues(
  order: Order,
  instrument: Instrument,
  change: { quantity?: Decimal | null; price?: Decimal | null; triggerPrice?: Decimal | null },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { quantity, price, triggerPrice } = change;
  if (quantity == null && price == null && triggerPrice == null) {
    issues.push({
      path: [],
      message: `nothing to modify on order ${order.id}: give a new quantity, price or triggerPrice`,
      code: "NOTHING_TO_MODIFY",
    });
  }
  if (quantity != null) {
    if (!quantity.gt(order.filledQuantity)) {
      issues.push({
        path: ["quantity"],
        message: `quantity ${quantity.toFixed()} must exceed the filled ${order.filledQuantity.toFixed()} (cancel instead)`,
        code: "INVALID_QUANTITY",
      });
    } else if (!isOnStep(quantity, instrument.lotSize)) {
      issues.push({
        path: ["quantity"],
        message: `quantity ${quantity.toFixed()} is not a multiple of lot size ${instrument.lotSize.toFixed()} for ${instrument.id}`,
        code: "QUANTITY_NOT_ON_LOT",
      });
    }
  }
  const priceIssue = (field: "price" | "triggerPrice", value: Decimal, allowed: boolean) => {
    const label = field === "price" ? "limit price" : "trigger price";
    if (!allowed) {
      issues.push({ path: [field], message: `${order.type} orders take no ${field}`, code: "INVALID_ORDER" });
    } else if (!value.gt(ZERO)) {
      issues.push({
        path: [field],
        message: `${label} must be > 0, got ${value.toFixed()}`,
        code: "INVALID_ORDER",
      });
    } else if (!isOnStep(value, instrument.tickSize)) {
      issues.push({
        path: [field],
        message: `${label} ${value.toFixed()} is not a multiple of tick size ${instrument.tickSize.toFixed()} for ${instrument.id}`,
        code: "PRICE_NOT_ON_TICK",
      });
    }
  };
  if (price != null) priceIssue("price", price, hasLimitPrice(order.type));
  if (triggerPrice != null) priceIssue("triggerPrice", triggerPrice, hasTriggerPrice(order.type));
  return issues;
}

/**
 * The node's `emulator` option for a LocalOrderEmulator over the venue's capabilities:
 * `new TradingNode({ ..., emulator: localEmulator({ barPath: "adaptive" }) })`.
 */
export function localEmulator(
  options: LocalOrderEmulatorOptions = {},
): (host: EmulatorHost, venue: { readonly capabilities: VenueCapabilities }) => LocalOrderEmulator {
  parseEmulatorOptions(options);
  return (host, venue) => new LocalOrderEmulator(host, venue.capabilities, options);
}
