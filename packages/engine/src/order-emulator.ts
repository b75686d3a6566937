import type { MarketData, Order, OrderEvent, VenueCapabilities } from "@ordo/core";

/** What the emulator may do through the node. */
export interface EmulatorHost {
  now(): number;
  order(orderId: string): Order | undefined;
  /** Applies a local event (OrderHeld, OrderReleased, OrderUpdated, OrderTriggered, OrderCanceled, ...). */
  emit(event: OrderEvent): void;
  /** Sends a released order to the venue as `asSent` (same id; e.g. a STOP_MARKET released as MARKET). */
  sendToVenue(order: Order, asSent: Order): void;
  cancelAtVenue(orderId: string): void;
  /** Reduces or reprices a working order at the venue. */
  modifyAtVenue(orderId: string, change: { quantity?: Order["quantity"]; price?: Order["price"] }): void;
}

/**
 * Holds orders the venue cannot take natively (order types, times in force or contingencies missing
 * from its capabilities) and works them locally: DESIGN.md section 2's emulator.
 */
export interface OrderEmulator {
  /** Whether the order must be held locally rather than sent. */
  needsEmulation(order: Order): boolean;
  /** Takes the order (emits OrderHeld). */
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
