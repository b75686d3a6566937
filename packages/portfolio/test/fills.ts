import { type Bar, createInstrument, dec, type OrderFilled, type OrderSide, orderEvent } from "@ordo/core";

export const AAPL = createInstrument({
  id: "AAPL.XNAS",
  assetClass: "equity",
  currency: "USD",
  tickSize: "0.01",
});

/** E-mini S&P: 50 USD per point, 12 000 USD initial and 11 000 USD maintenance margin per contract. */
export const ES = createInstrument({
  id: "ESZ4.XCME",
  assetClass: "future",
  currency: "USD",
  tickSize: "0.25",
  multiplier: "50",
  marginInit: "12000",
  marginMaint: "11000",
});

export const BTC = createInstrument({
  id: "BTC/USDT.BINANCE",
  assetClass: "crypto-spot",
  currency: "USDT",
  baseCurrency: "BTC",
  tickSize: "0.01",
  lotSize: "0.00001",
});

export const T0 = Date.parse("2024-01-02T14:30:00Z");

/** A bar of `instrumentId` at `ts` whose open, high, low and close are all `close` (marks read the close). */
export function closeBar(instrumentId: string, ts: number, close: number): Bar {
  return { kind: "bar", instrumentId, ts, open: close, high: close, low: close, close, volume: 1 };
}
export const MINUTE = 60_000;

let tradeSeq = 0;

/** An OrderFilled event with sensible defaults: `fill("BUY", "10", "100")`. */
export function fill(
  side: OrderSide,
  quantity: string,
  price: string,
  more: {
    commission?: string;
    commissionCurrency?: string;
    ts?: number;
    tradeId?: string;
    orderId?: string;
    instrumentId?: string;
    strategyId?: string;
  } = {},
): OrderFilled {
  tradeSeq += 1;
  return orderEvent(
    {
      id: more.orderId ?? `O-${tradeSeq}`,
      instrumentId: more.instrumentId ?? AAPL.id,
      strategyId: more.strategyId ?? "S-1",
    },
    "OrderFilled",
    more.ts ?? T0 + tradeSeq,
    {
      tradeId: more.tradeId ?? `T-${tradeSeq}`,
      venueOrderId: null,
      side,
      price: dec(price),
      quantity: dec(quantity),
      commission: dec(more.commission ?? "0"),
      commissionCurrency: more.commissionCurrency ?? "USD",
      liquidity: "TAKER",
    },
  );
}
