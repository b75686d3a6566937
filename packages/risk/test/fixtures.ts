import {
  createInstrument,
  type Decimal,
  type DecimalLike,
  dec,
  type Instrument,
  type Order,
  OrderFactory,
  type OrderRequestInput,
  type PortfolioView,
  VirtualClock,
} from "@ordo/core";

/** 2024-01-02T14:30:00Z, a Tuesday. */
export const T0 = Date.parse("2024-01-02T14:30:00Z");

export const AAPL: Instrument = createInstrument({
  id: "AAPL.XNAS",
  assetClass: "equity",
  currency: "USD",
  tickSize: "0.01",
  lotSize: "1",
  minQuantity: "1",
  maxQuantity: "100000",
  minNotional: "10",
});
export const BTC: Instrument = createInstrument({
  id: "BTC/USDT.BINANCE",
  assetClass: "crypto-spot",
  currency: "USDT",
  tickSize: "0.1",
  lotSize: "0.001",
  minNotional: "5",
});
export const ES: Instrument = createInstrument({
  id: "ESH4.XCME",
  assetClass: "future",
  currency: "USD",
  tickSize: "0.25",
  multiplier: "50",
  marginInit: "12000",
});

/** A PortfolioView written by hand: positions, prices, equity and buying power set by the test. */
export class FakePortfolio implements PortfolioView {
  readonly positions = new Map<string, Decimal>();
  readonly prices = new Map<string, Decimal>();
  equityValue: Decimal = dec("100000");
  buyingPowerValue: Decimal = dec("100000");

  netQuantity(instrumentId: string): Decimal {
    return this.positions.get(instrumentId) ?? dec(0);
  }
  equity(): Decimal {
    return this.equityValue;
  }
  buyingPower(): Decimal {
    return this.buyingPowerValue;
  }
  lastPrice(instrumentId: string): Decimal | null {
    return this.prices.get(instrumentId) ?? null;
  }

  hold(instrumentId: string, quantity: DecimalLike): this {
    this.positions.set(instrumentId, dec(quantity));
    return this;
  }
  price(instrumentId: string, price: DecimalLike): this {
    this.prices.set(instrumentId, dec(price));
    return this;
  }
}

let created = 0;
const factory = new OrderFactory({ clock: new VirtualClock(T0) });

/** An order not yet sent, built by core's factory (structure validated, instrument rules left to risk). */
export function newOrder(request: Partial<OrderRequestInput> & { instrumentId?: string }): Order {
  created += 1;
  return factory.create({
    id: `O-${created}`,
    instrumentId: AAPL.id,
    side: "BUY",
    type: "LIMIT",
    quantity: "100",
    price: "150",
    ...request,
  } as OrderRequestInput).order;
}

/** A limit buy of AAPL: `buy("10", "150")`. */
export function buy(
  quantity: DecimalLike,
  price: DecimalLike | null = "150",
  extra: Partial<OrderRequestInput> = {},
) {
  return newOrder(
    price === null
      ? { side: "BUY", type: "MARKET", quantity: String(quantity), price: undefined, ...extra }
      : { side: "BUY", quantity: String(quantity), price: String(price), ...extra },
  );
}
export function sell(
  quantity: DecimalLike,
  price: DecimalLike | null = "150",
  extra: Partial<OrderRequestInput> = {},
) {
  return newOrder(
    price === null
      ? { side: "SELL", type: "MARKET", quantity: String(quantity), price: undefined, ...extra }
      : { side: "SELL", quantity: String(quantity), price: String(price), ...extra },
  );
}
