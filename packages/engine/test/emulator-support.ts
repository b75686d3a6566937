import {
  type BracketInput,
  buildBracket,
  createInstrument,
  formatTimestamp,
  type Order,
  type OrderEvent,
  VirtualClock,
} from "@ordo/core";
import { ALWAYS_OPEN } from "@ordo/data";
import { SimulatedVenue, type SimulatedVenueOptions } from "@ordo/execution";
import { Portfolio } from "@ordo/portfolio";
import {
  type LocalOrderEmulatorOptions,
  limitVenue,
  localEmulator,
  TradingNode,
  type VenueSupport,
} from "../src/index.js";

export const DAY = 86_400_000;
/** t0: 2024-01-02 21:00 UTC; bar `i` closes at t0 + i days. */
export const T0 = Date.parse("2024-01-02T21:00:00Z");
export const INSTRUMENT = createInstrument({
  id: "AAPL.XNAS",
  assetClass: "equity",
  currency: "USD",
  tickSize: "0.01",
});
const ID = INSTRUMENT.id;

/** What a venue with only market and limit orders, GTC and no contingencies supports. */
export const BASIC_VENUE: VenueSupport = {
  orderTypes: ["MARKET", "LIMIT"],
  timeInForce: ["GTC", "DAY", "GTD", "IOC", "FOK"],
  contingencies: [],
};

export interface RigOptions {
  /** What the venue advertises; absent: everything the simulated venue supports. */
  readonly supports?: VenueSupport;
  /** The emulator's options; `native: true` runs the node without an emulator. */
  readonly emulator?: LocalOrderEmulatorOptions;
  readonly native?: boolean;
  readonly venue?: Partial<Omit<SimulatedVenueOptions, "clock" | "instruments" | "account">>;
}

/** A trading node over a simulated venue (optionally advertising less than it supports), driven by hand. */
export class Rig {
  readonly clock = new VirtualClock(T0);
  readonly sim: SimulatedVenue;
  readonly node: TradingNode;
  /** Every order event the strategy "S1" was told of, in the order it was told. */
  readonly events: OrderEvent[] = [];
  #seen = 0;

  constructor(options: RigOptions = {}) {
    this.sim = new SimulatedVenue({
      clock: this.clock,
      instruments: [INSTRUMENT],
      account: { type: "margin", currency: "USD", balance: "1000000" },
      ...options.venue,
    });
    const venue = options.supports ? limitVenue(this.sim, options.supports) : this.sim;
    const events = this.events;
    this.node = new TradingNode({
      clock: this.clock,
      instruments: [INSTRUMENT],
      venue,
      portfolio: new Portfolio({
        accountType: "MARGIN",
        baseCurrency: "USD",
        startingCash: "1000000",
        startTs: T0,
      }),
      calendar: ALWAYS_OPEN,
      data: { current: () => Number.NaN, history: () => new Float64Array(0) },
      strategies: [{ id: "S1", strategy: { onOrderEvent: (_ctx, e) => events.push(e) } }],
      ...(!options.native && { emulator: localEmulator(options.emulator ?? {}) }),
    });
    this.node.start();
  }

  submit(request: Record<string, unknown>): Order {
    return this.node.command(() =>
      this.node.orders.submit({ instrumentId: ID, quantity: "10", ...request }, "S1"),
    );
  }

  submitList(requests: readonly Record<string, unknown>[]): Order[] {
    return this.node.command(() =>
      this.node.orders.submitList(
        requests.map((r) => ({ instrumentId: ID, quantity: "10", ...r })),
        "S1",
      ),
    );
  }

  /** A bracket with ids entry / sl / tp. */
  bracket(input: Omit<BracketInput, "instrumentId" | "ids">): Order[] {
    const b = buildBracket(
      { instrumentId: ID, ids: { entry: "entry", stopLoss: "sl", takeProfit: "tp" }, ...input },
      () => "",
    );
    return this.node.command(() => this.node.orders.submitList([b.entry, b.stopLoss, b.takeProfit], "S1"));
  }

  modify(orderId: string, change: Parameters<TradingNode["orders"]["modify"]>[1]): boolean {
    return this.node.command(() => this.node.orders.modify(orderId, change));
  }

  cancel(orderId: string): boolean {
    return this.node.command(() => this.node.orders.cancel(orderId));
  }

  /** The bar closing at t0 + `day` days (volume 1,000,000 unless given). */
  bar(day: number, open: number, high: number, low: number, close: number, volume = 1_000_000): void {
    const ts = T0 + day * DAY;
    this.clock.advanceTo(ts);
    this.node.onMarketData({ kind: "bar", instrumentId: ID, ts, open, high, low, close, volume });
  }

  quote(ts: number, bid: number, ask: number, size = 1_000_000): void {
    this.clock.advanceTo(ts);
    this.node.onMarketData({ kind: "quote", instrumentId: ID, ts, bid, ask, bidSize: size, askSize: size });
  }

  trade(ts: number, price: number, size = 1_000_000): void {
    this.clock.advanceTo(ts);
    this.node.onMarketData({ kind: "trade", instrumentId: ID, ts, price, size, aggressor: "NONE" });
  }

  order(id: string): Order {
    const order = this.node.cache.get(id);
    if (order === undefined) throw new Error(`no order ${id}`);
    return order;
  }

  /**
   * The events told to the strategy since the last call, one line each (OrderInitialized left out).
   * Throws if the node refused any event on the way (a NodeWarning): every test runs clean.
   */
  trace(): string[] {
    if (this.node.warnings.length > 0) {
      throw new Error(`the node refused events: ${this.node.warnings.map((w) => w.message).join("; ")}`);
    }
    const out = this.events
      .slice(this.#seen)
      .filter((e) => e.type !== "OrderInitialized")
      .map(describeEvent);
    this.#seen = this.events.length;
    return out;
  }
}

/** `t2 sl Released @95`: when (days after t0), which order, what, and the figures that matter. */
export function describeEvent(e: OrderEvent): string {
  const days = (e.tsEvent - T0) / DAY;
  const at = Number.isInteger(days) ? `t${days}` : formatTimestamp(e.tsEvent);
  let line = `${at} ${e.orderId} ${e.type.slice("Order".length)}`;
  switch (e.type) {
    case "OrderFilled":
      line += ` ${e.quantity.toFixed()}@${e.price.toFixed()}`;
      break;
    case "OrderUpdated": {
      const parts = [
        e.quantity && `q=${e.quantity.toFixed()}`,
        e.price && `p=${e.price.toFixed()}`,
        e.triggerPrice && `t=${e.triggerPrice.toFixed()}`,
      ];
      line += ` ${parts.filter(Boolean).join(" ")}`;
      break;
    }
    case "OrderReleased":
      if (e.releasedPrice !== null) line += ` @${e.releasedPrice.toFixed()}`;
      break;
    case "OrderCanceled":
      if (e.reason !== null) line += ` (${e.reason})`;
      break;
    case "OrderDenied":
      line += ` (${e.code}: ${e.reason})`;
      break;
    case "OrderRejected":
      line += ` (${e.reason})`;
      break;
    default:
      break;
  }
  return line;
}
