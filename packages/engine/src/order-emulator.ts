import type { Instrument, MarketData, Order, OrderEvent, VenueCapabilities } from "@ordo/core";

/** What the emulator may do through the node. */
export interface EmulatorHost {
  now(): number;
  order(orderId: string): Order | undefined;
  /** The node's instrument (tick and lot sizes for trailing prices and OTO child sizes). */
  instrument(instrumentId: string): Instrument | undefined;
  /** Applies a local event (OrderHeld, OrderReleased, OrderSubmitted, OrderUpdated, OrderCanceled, ...). */
  emit(event: OrderEvent): void;
  /**
   * Sends an order to the venue as `asSent` (same id; e.g. a STOP_MARKET released as MARKET). The emulator
   * has already applied OrderSubmitted to the order.
   */
  sendToVenue(order: Order, asSent: Order): void;
  cancelAtVenue(orderId: string): void;
  /** Reduces or reprices a working order at the venue. */
  modifyAtVenue(orderId: string, change: { quantity?: Order["quantity"]; price?: Order["price"] }): void;
  /** Runs `callback` as one node step at `at` on the node's clock (expiry of DAY / GTD orders). */
  setTimer(name: string, at: number, callback: () => void): void;
  cancelTimer(name: string): void;
}

/**
 * Holds orders the venue cannot take natively (order types, times in force or contingencies missing
 * from its capabilities) and works them locally: DESIGN.md section 2's emulator.
 */
export interface OrderEmulator {
  /** Whether the order must go through the emulator rather than straight to the venue. */
  needsEmulation(order: Order): boolean;
  /**
   * Takes an order `needsEmulation` accepted: holds it (OrderHeld), sends it on without the parts the
   * emulator works (OrderSubmitted), or denies what cannot be emulated (OrderDenied).
   */
  hold(order: Order): void;
  /** Sees market data after the venue matched it (triggers, trailing updates). */
  onMarketData(data: MarketData): void;
  /** Sees every order event (parent fills release OTO children; OCO/OUO siblings). */
  onOrderEvent(event: OrderEvent): void;
  /** Modifies a held order locally; false when the order is not held here. */
  modify(
    orderId: string,
    change: { quantity?: Order["quantity"]; price?: Order["price"]; triggerPrice?: Order["triggerPrice"] },
  ): boolean;
  /** Cancels a held order locally; false when the order is not held here. */
  cancel(orderId: string): boolean;
}

/** For venues that support everything the orders ask for (the simulated venue): never holds anything. */
export class PassThroughEmulator implements OrderEmulator {
  readonly #capabilities: VenueCapabilities;

  constructor(capabilities: VenueCapabilities) {
    this.#capabilities = capabilities;
  }

  needsEmulation(order: Order): boolean {
    const c = this.#capabilities;
    if (!c.orderTypes.includes(order.type) || !c.timeInForce.includes(order.timeInForce)) {
      throw new Error(
        `the venue does not support ${order.type} ${order.timeInForce} orders and no emulator is configured`,
      );
    }
    return false;
  }
  hold(order: Order): void {
    throw new Error(`order ${order.id} cannot be held: no emulator is configured`);
  }
  onMarketData(): void {}
  onOrderEvent(): void {}
  modify(): boolean {
    return false;
  }
  cancel(): boolean {
    return false;
  }
}

export { type BacktestEmulation, BacktestEmulationSchema } from "./emulator/backtest-emulation.js";
export { limitVenue, type VenueSupport } from "./emulator/limit-venue.js";
export {
  LocalOrderEmulator,
  type LocalOrderEmulatorOptions,
  LocalOrderEmulatorOptionsSchema,
  localEmulator,
} from "./emulator/local-order-emulator.js";
