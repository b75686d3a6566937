import {
  type CancelOrder,
  DenyReason,
  type Instrument,
  instrumentIssues,
  isActive,
  isClosed,
  isLocal,
  type ModifyOrder,
  type Order,
  type OrderCache,
  type OrderEvent,
  OrderFactory,
  type OrderRequest,
  type OrderValidationOptions,
  orderEvent,
  ValidationError,
  validateOrderRequest,
} from "@ordo/core";
import type { RiskEngine } from "@ordo/risk";
import type { OrderEmulator } from "./order-emulator.js";
import { unknownOrderFieldsError } from "./order-fields.js";

/** The venue side the order manager talks to (a BrokerAdapter's command half). */
export interface VenueCommands {
  submit(order: Order): void;
  submitList(orders: readonly Order[]): void;
  modify(command: ModifyOrder): void;
  cancel(command: CancelOrder): void;
}

export interface OrderManagerOptions {
  readonly clock: { now(): number };
  readonly cache: OrderCache;
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly venue: VenueCommands;
  readonly emulator: OrderEmulator;
  readonly risk: RiskEngine | null;
  /** Applies a locally produced event (cache, log, bus, notifications). Returns the order's new state. */
  readonly emit: (event: OrderEvent) => Order | undefined;
  readonly validation?: Omit<OrderValidationOptions, "instrument">;
  readonly traderId?: string;
}

export interface OrderChangeRequest {
  readonly quantity?: Order["quantity"];
  readonly price?: Order["price"];
  readonly triggerPrice?: Order["triggerPrice"];
}

/**
 * The command path of DESIGN.md section 2: a request is validated (zod; a malformed request throws a
 * ValidationError to the caller), given an id and initialized, checked against the instrument's rules and
 * by the risk engine (OrderDenied with the reason code), then held by the emulator or sent to the venue
 * (OrderSubmitted). Modify and cancel go the same way (OrderPendingUpdate / OrderPendingCancel).
 */
export class OrderManager {
  readonly #o: OrderManagerOptions;
  readonly #factories = new Map<string, OrderFactory>();

  constructor(options: OrderManagerOptions) {
    this.#o = options;
  }

  #factory(strategyId: string): OrderFactory {
    let f = this.#factories.get(strategyId);
    if (!f) {
      f = new OrderFactory({ clock: this.#o.clock, traderId: this.#o.traderId ?? "T1", strategyId });
      this.#factories.set(strategyId, f);
    }
    return f;
  }

  #instrument(instrumentId: unknown): Instrument {
    const instrument = typeof instrumentId === "string" ? this.#o.instruments.get(instrumentId) : undefined;
    if (!instrument) {
      const known = [...this.#o.instruments.keys()].join(", ");
      throw ValidationError.field(
        "instrumentId",
        `unknown instrument ${String(instrumentId)} (this node trades: ${known})`,
        DenyReason.UNKNOWN_INSTRUMENT,
      );
    }
    return instrument;
  }

  /**
   * Initializes an order from a validated request and returns it with the denial its instrument's rules
   * give, if any (a denial, like a venue's, not an exception: the strategy sees OrderDenied).
   */
  #initialize(request: OrderRequest, strategyId: string): { order: Order; denial: OrderEvent | null } {
    const instrument = this.#instrument(request.instrumentId);
    if (request.id !== undefined && this.#o.cache.has(request.id)) throw duplicateIdError(request.id);
    const issues = instrumentIssues(request, instrument);
    const { event } = this.#factory(strategyId).fromRequest(request);
    const order = this.#o.emit(event)!;
    if (issues.length === 0) return { order, denial: null };
    const code = issues[0]?.code ?? DenyReason.INVALID_ORDER;
    const reason = issues.map((i) => i.message).join("; ");
    return { order, denial: orderEvent(order, "OrderDenied", this.#o.clock.now(), { code, reason }) };
  }

  /** Parses a request (zod); a malformed one throws a ValidationError naming each field. */
  parse(request: Readonly<Record<string, unknown>>, strategyId: string): OrderRequest {
    const unknown = unknownOrderFieldsError(request);
    if (unknown !== null) throw unknown;
    return validateOrderRequest({ ...request, strategyId }, this.#o.validation ?? {});
  }

  #riskDenial(order: Order): OrderEvent | null {
    const risk = this.#o.risk;
    if (!risk) return null;
    const decision = risk.checkSubmit(order);
    if (decision.allowed) return null;
    return orderEvent(order, "OrderDenied", this.#o.clock.now(), {
      code: decision.reason,
      reason: decision.message,
    });
  }

  /** Submits one order; returns its state after routing (SUBMITTED, HELD, DENIED, or further). */
  submit(request: Readonly<Record<string, unknown>>, strategyId: string): Order {
    return this.submitOne(this.parse(request, strategyId), strategyId);
  }

  /**
   * Submits linked orders together (bracket, OCO). If any is denied, all are (nothing half applied).
   * Orders the venue cannot take natively, and children waiting for a parent the venue will not manage,
   * go to the emulator.
   */
  submitList(requests: readonly Readonly<Record<string, unknown>>[], strategyId: string): Order[] {
    return this.submitParsed(
      requests.map((r) => this.parse(r, strategyId)),
      strategyId,
    );
  }

  /** `submitList` for requests already parsed (the strategy API builds them typed). */
  submitParsed(requests: readonly OrderRequest[], strategyId: string): Order[] {
    if (requests.length === 1) return [this.submitOne(requests[0]!, strategyId)];
    // What would throw while initializing is checked for every order first: one order's unknown
    // instrument or used id must not leave the orders before it initialized and never sent.
    const given = new Set<string>();
    for (const r of requests) {
      this.#instrument(r.instrumentId);
      if (r.id === undefined) continue;
      if (this.#o.cache.has(r.id) || given.has(r.id)) throw duplicateIdError(r.id);
      given.add(r.id);
    }
    const created = requests.map((r) =>
      this.#initialize(r.strategyId === strategyId ? r : { ...r, strategyId }, strategyId),
    );
    const ids = created.length > 1 ? new Set(created.map((c) => c.order.id)) : null;
    for (const c of created) {
      // OTO children (bracket exits) do not trade until their parent fills: a reduce-only exit has no
      // position to reduce yet. The venue applies reduce-only when it releases them.
      const parentId = c.order.contingency?.parentId;
      const waitsForParent = parentId != null && ids?.has(parentId) === true;
      if (c.denial === null && !waitsForParent) c.denial = this.#riskDenial(c.order);
    }
    const denied = created.find((c) => c.denial !== null);
    if (denied) {
      for (const c of created) {
        this.#o.emit(
          c.denial ??
            orderEvent(c.order, "OrderDenied", this.#o.clock.now(), {
              code: DenyReason.INVALID_ORDER,
              reason: `linked order ${denied.order.id} was denied`,
            }),
        );
      }
      return created.map((c) => this.#o.cache.get(c.order.id)!);
    }
    const emulator = this.#o.emulator;
    const toVenue: Order[] = [];
    for (const { order } of created) {
      if (emulator.needsEmulation(order)) emulator.hold(order);
      else toVenue.push(this.#o.emit(orderEvent(order, "OrderSubmitted", this.#o.clock.now(), {}))!);
    }
    if (toVenue.length === 1) this.#o.venue.submit(toVenue[0]!);
    else if (toVenue.length > 1) this.#o.venue.submitList(toVenue);
    return created.map((c) => this.#o.cache.get(c.order.id)!);
  }

  /** One parsed request (the common case: no lists, sets or links to build). */
  submitOne(request: OrderRequest, strategyId: string): Order {
    const { order, denial } = this.#initialize(
      request.strategyId === strategyId ? request : { ...request, strategyId },
      strategyId,
    );
    const refusal = denial ?? this.#riskDenial(order);
    if (refusal !== null) return this.#o.emit(refusal) ?? this.#o.cache.get(order.id)!;
    const emulator = this.#o.emulator;
    if (emulator.needsEmulation(order)) emulator.hold(order);
    else this.#o.venue.submit(this.#o.emit(orderEvent(order, "OrderSubmitted", this.#o.clock.now(), {}))!);
    return this.#o.cache.get(order.id)!;
  }

  /**
   * Modifies an order: locally when the emulator holds it, else through the venue (OrderPendingUpdate,
   * then the venue's OrderUpdated or OrderModifyRejected). A modify the risk engine denies gets
   * OrderPendingUpdate then OrderModifyRejected (reason `CODE: message`); the order is left as it was.
   */
  modify(orderId: string, change: OrderChangeRequest): boolean {
    const order = this.#o.cache.get(orderId);
    if (!order || isClosed(order.status)) return false;
    if (this.#o.emulator.modify(orderId, change)) return true;
    if (isLocal(order.status)) return false;
    const risk = this.#o.risk;
    if (risk) {
      const decision = risk.checkModify(order, change);
      if (!decision.allowed) {
        // The state machine takes OrderModifyRejected only from PENDING_UPDATE: go there first, so the
        // refusal is applied (status restored) and the strategy hears of it, as from a venue.
        const now = this.#o.clock.now();
        this.#o.emit(orderEvent(order, "OrderPendingUpdate", now, {}));
        this.#o.emit(
          orderEvent(order, "OrderModifyRejected", now, {
            reason: `${decision.reason}: ${decision.message}`,
          }),
        );
        return false;
      }
    }
    this.#o.emit(orderEvent(order, "OrderPendingUpdate", this.#o.clock.now(), {}));
    this.#o.venue.modify({
      type: "ModifyOrder",
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      ts: this.#o.clock.now(),
      orderId,
      quantity: change.quantity ?? null,
      price: change.price ?? null,
      triggerPrice: change.triggerPrice ?? null,
    });
    return true;
  }

  /** Cancels an order: locally when it never left (held, initialized), else through the venue. */
  cancel(orderId: string): boolean {
    const order = this.#o.cache.get(orderId);
    if (!order || !isActive(order.status) || order.status === "PENDING_CANCEL") return false;
    if (this.#o.emulator.cancel(orderId)) return true;
    if (isLocal(order.status)) {
      this.#o.emit(
        orderEvent(order, "OrderCanceled", this.#o.clock.now(), { reason: "canceled before it was sent" }),
      );
      return true;
    }
    this.#o.emit(orderEvent(order, "OrderPendingCancel", this.#o.clock.now(), {}));
    this.#o.venue.cancel({
      type: "CancelOrder",
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      ts: this.#o.clock.now(),
      orderId,
    });
    return true;
  }
}

function duplicateIdError(id: string): ValidationError {
  return ValidationError.field("id", `order id ${id} is already used`, DenyReason.DUPLICATE_ORDER_ID);
}
