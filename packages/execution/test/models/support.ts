import {
  type Bar,
  createInstrument,
  type Decimal,
  dec,
  type Instrument,
  type LiquiditySide,
  type OrderSide,
  type QuoteTick,
  ZERO,
} from "@ordo/core";
import type { CommissionContext, CommissionModel, SlippageContext } from "../../src/index.js";

export const AAPL: Instrument = createInstrument({
  id: "AAPL.XNAS",
  assetClass: "equity",
  currency: "USD",
  tickSize: "0.01",
});

export const ES: Instrument = createInstrument({
  id: "ESZ4.XCME",
  assetClass: "future",
  currency: "USD",
  tickSize: "0.25",
  multiplier: "50",
});

export function bar(close: number, volume: number, instrumentId = AAPL.id, ts = 0): Bar {
  return { kind: "bar", instrumentId, ts, open: close, high: close, low: close, close, volume };
}

export function quote(bid: number, ask: number, instrumentId = AAPL.id): QuoteTick {
  return { kind: "quote", instrumentId, ts: 0, bid, ask, bidSize: 500, askSize: 500 };
}

/** One aggressive fill as the venue would describe it; defaults: AAPL, no bar, no quote, nothing filled yet. */
export function fill(
  side: OrderSide,
  basePrice: string,
  quantity: string,
  more: { filledThisBar?: string; bar?: Bar; quote?: QuoteTick; instrument?: Instrument } = {},
): SlippageContext {
  return {
    instrument: more.instrument ?? AAPL,
    side,
    basePrice: dec(basePrice),
    quantity: dec(quantity),
    filledThisBar: more.filledThisBar === undefined ? ZERO : dec(more.filledThisBar),
    bar: more.bar ?? null,
    quote: more.quote ?? null,
  };
}

export interface TestFill {
  readonly quantity: string;
  readonly price: string;
  readonly liquidity?: LiquiditySide;
}

/**
 * Charges the fills of one order in turn, carrying what was filled and charged before each, as the venue
 * does; returns each fill's commission as text.
 */
export function chargeOrder(
  model: CommissionModel,
  fills: readonly TestFill[],
  options: { orderId?: string; instrument?: Instrument; side?: OrderSide } = {},
): string[] {
  const orderQuantity = fills.reduce((sum, f) => sum.plus(f.quantity), ZERO as Decimal);
  let filledBefore: Decimal = ZERO;
  let commissionBefore: Decimal = ZERO;
  const charged: string[] = [];
  for (const f of fills) {
    const context: CommissionContext = {
      instrument: options.instrument ?? AAPL,
      orderId: options.orderId ?? "o1",
      side: options.side ?? "BUY",
      price: dec(f.price),
      quantity: dec(f.quantity),
      liquidity: f.liquidity ?? "TAKER",
      orderQuantity,
      orderFilledBefore: filledBefore,
      orderCommissionBefore: commissionBefore,
    };
    const commission = model.commission(context);
    charged.push(commission.toString());
    filledBefore = filledBefore.plus(f.quantity);
    commissionBefore = commissionBefore.plus(commission);
  }
  return charged;
}
