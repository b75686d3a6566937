import {
  type CancelOrder,
  canApply,
  DenyReason,
  decimalToString,
  InvalidStateTransitionError,
  isClosed,
  type ModifyOrder,
  type Order,
  OrderCache,
  type OrderEvent,
  OrderFactory,
  orderEvent,
  ValidationError,
  VirtualClock,
} from "@ordo/core";
import type { SimulatedVenue } from "../venue/index.js";
import type { ScenarioModify, ScenarioOrderRequest } from "./order-schema.js";
import { eventToJson, orderToJson, type ScenarioEventJson, type ScenarioOutput } from "./output.js";
import type { Scenario, ScenarioInput } from "./schema.js";
import { createScenarioVenue } from "./venue-config.js";

/** Venue answers the state machine refuses because the order is already closed: logged, order unchanged. */
const ANSWERS_TO_CLOSED_ORDERS: ReadonlySet<string> = new Set(["OrderModifyRejected", "OrderCancelRejected"]);

/**
 * One run of a scenario: a virtual clock, an order factory (instrument rules checked: a broken order is
 * OrderDenied with its code), the order cache (every event goes through core's state machine) and the
 * simulated venue, whose reports arrive synchronously.
 */
class ScenarioRun {
  readonly #scenario: Scenario;
  readonly #clock: VirtualClock;
  readonly #venue: SimulatedVenue;
  readonly #cache = new OrderCache();
  readonly #factory: OrderFactory;
  readonly #events: ScenarioEventJson[] = [];
  #failure: unknown = null;

  constructor(scenario: Scenario) {
    this.#scenario = scenario;
    this.#clock = new VirtualClock(scenario.inputs[0]?.at ?? 0);
    this.#factory = new OrderFactory({ clock: this.#clock, validation: { instrument: scenario.instrument } });
    this.#venue = createScenarioVenue({
      clock: this.#clock,
      instruments: [scenario.instrument],
      account: scenario.account,
      venue: scenario.venue,
      venueCode: scenario.instrument.venue,
    });
  }

  run(): ScenarioOutput {
    // rxjs reports an error thrown in a subscriber asynchronously; keep it and rethrow after the input.
    const subscription = this.#venue.reports.subscribe((report) => {
      try {
        this.#record(report);
      } catch (error) {
        this.#failure ??= error;
      }
    });
    try {
      this.#scenario.inputs.forEach((input, i) => {
        try {
          this.#clock.advanceTo(input.at);
          this.#play(input);
          if (this.#failure !== null) throw this.#failure;
        } catch (error) {
          // A bug, not a problem of the file (that was checked): say where the run broke.
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`the run failed at inputs[${i}] (${input.kind}): ${message}`, { cause: error });
        }
      });
    } finally {
      subscription.unsubscribe();
    }
    return this.#output();
  }

  #play(input: ScenarioInput): void {
    const instrumentId = this.#scenario.instrument.id;
    switch (input.kind) {
      case "bar":
        this.#venue.process({ kind: "bar", instrumentId, ts: input.at, ...input.bar });
        return;
      case "quote":
        this.#venue.process({ kind: "quote", instrumentId, ts: input.at, ...input.quote });
        return;
      case "trade": {
        const { tradeId, ...trade } = input.trade;
        this.#venue.process({
          kind: "trade",
          instrumentId,
          ts: input.at,
          ...trade,
          ...(tradeId !== undefined && { tradeId }),
        });
        return;
      }
      case "submit":
        this.#submit([input.submit]);
        return;
      case "submitBracket": {
        const { entry, stopLoss, takeProfit } = input.submitBracket;
        this.#submit([entry, stopLoss, takeProfit]);
        return;
      }
      case "submitOco":
        this.#submit(input.submitOco.orders);
        return;
      case "modify":
        this.#modify(input.modify);
        return;
      case "cancel":
        this.#cancel(input.cancel.id);
        return;
    }
  }

  /**
   * Creates the orders, then sends them: one alone, linked orders as a list. When any of a linked group
   * is denied, the whole group is (nothing half applied).
   */
  #submit(requests: readonly ScenarioOrderRequest[]): void {
    const created = requests.map((request) => this.#create(request));
    const denied = created.find((c) => c.denial !== null);
    if (denied !== undefined) {
      for (const c of created) {
        if (c.denial !== null) this.#record(c.denial);
        else {
          this.#record(
            orderEvent(c.order, "OrderDenied", this.#clock.now(), {
              code: DenyReason.INVALID_ORDER,
              reason: `linked order ${denied.order.id} was denied`,
            }),
          );
        }
      }
      return;
    }
    const submitted = created.map((c) =>
      this.#record(orderEvent(c.order, "OrderSubmitted", this.#clock.now(), {})),
    );
    if (submitted.length === 1) this.#venue.submit(submitted[0]!);
    else this.#venue.submitList(submitted);
  }

  /** The order's OrderInitialized (applied), and its OrderDenied (not yet applied) when a rule breaks. */
  #create(request: ScenarioOrderRequest): { order: Order; denial: OrderEvent | null } {
    const input = { ...request, instrumentId: this.#scenario.instrument.id };
    try {
      const { event } = this.#factory.create(input);
      return { order: this.#cache.apply(event), denial: null };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The structure was checked when the file was read; only the instrument's rules can fail here.
      const { event } = this.#factory.create(input, {});
      const order = this.#cache.apply(event);
      const code = error.issues[0]?.code ?? DenyReason.INVALID_ORDER;
      const reason = error.issues.map((issue) => issue.message).join("; ");
      return { order, denial: orderEvent(order, "OrderDenied", this.#clock.now(), { code, reason }) };
    }
  }

  #modify(modify: ScenarioModify): void {
    const order = this.#cache.get(modify.id)!;
    const command: ModifyOrder = {
      type: "ModifyOrder",
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      ts: this.#clock.now(),
      orderId: order.id,
      quantity: modify.quantity ?? null,
      price: modify.price ?? null,
      triggerPrice: modify.triggerPrice ?? null,
    };
    if (canApply(order.status, "OrderPendingUpdate")) {
      this.#record(orderEvent(order, "OrderPendingUpdate", this.#clock.now(), {}));
    }
    this.#venue.modify(command);
  }

  #cancel(id: string): void {
    const order = this.#cache.get(id)!;
    const command: CancelOrder = {
      type: "CancelOrder",
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      ts: this.#clock.now(),
      orderId: order.id,
    };
    if (canApply(order.status, "OrderPendingCancel")) {
      this.#record(orderEvent(order, "OrderPendingCancel", this.#clock.now(), {}));
    }
    this.#venue.cancel(command);
  }

  /** Applies an event through the state machine and logs it; returns the order's new state. */
  #record(event: OrderEvent): Order {
    try {
      const order = this.#cache.apply(event);
      this.#events.push(eventToJson(event));
      return order;
    } catch (error) {
      const order = this.#cache.get(event.orderId);
      const refusedAnswer =
        error instanceof InvalidStateTransitionError &&
        order !== undefined &&
        isClosed(order.status) &&
        ANSWERS_TO_CLOSED_ORDERS.has(event.type);
      if (!refusedAnswer) throw error;
      // The venue refused a modify or cancel of a closed order: the answer is part of the story.
      this.#events.push(eventToJson(event));
      return order;
    }
  }

  #output(): ScenarioOutput {
    const account = this.#venue.account();
    return {
      events: this.#events,
      orders: this.#cache.orders().map(orderToJson),
      positions: account.positions.map((p) => ({
        instrumentId: p.instrumentId,
        quantity: decimalToString(p.quantity),
        avgOpenPrice: decimalToString(p.avgOpenPrice),
        realizedPnl: decimalToString(p.realizedPnl),
        unrealizedPnl: decimalToString(p.unrealizedPnl),
      })),
      account: {
        currency: account.currency,
        balance: decimalToString(account.balance),
        equity: decimalToString(account.equity),
        commissions: decimalToString(account.commissions),
      },
    };
  }
}

/**
 * Plays a parsed scenario's inputs in order and returns the output document: every order event, the
 * final orders, positions and account. Same scenario, same output, byte for byte.
 */
export function runScenario(scenario: Scenario): ScenarioOutput {
  return new ScenarioRun(scenario).run();
}
