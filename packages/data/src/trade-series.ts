import { AggressorSide, interned, type TradeTick } from "@ordo/core";
import { commonLength } from "./bar-series.js";
import { firstIndexAtOrAfter, lastIndexAtOrBefore } from "./search.js";

export type TradeField = "ts" | "price" | "size";
export const TRADE_FIELDS: readonly TradeField[] = ["ts", "price", "size"];

/** Aggressor codes in the `aggressor` column: 1 buyer, -1 seller, 0 none/unknown. */
export const AGGRESSOR_CODE = { BUYER: 1, SELLER: -1, NONE: 0 } as const;

export interface TradeColumns {
  readonly ts: Float64Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
  /** 1 buyer, -1 seller, 0 unknown (see AGGRESSOR_CODE). */
  readonly aggressor: Int8Array;
}

function aggressorOf(code: number): AggressorSide {
  return code > 0 ? AggressorSide.BUYER : code < 0 ? AggressorSide.SELLER : AggressorSide.NONE;
}

/** One instrument's trade prints in columns; trade ids, when the source has them, in a parallel array. */
export class TradeSeries implements TradeColumns {
  readonly kind = "trade" as const;
  readonly instrumentId: string;
  readonly length: number;
  readonly ts: Float64Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
  readonly aggressor: Int8Array;
  readonly tradeIds: readonly string[] | undefined;

  constructor(instrumentId: string, columns: TradeColumns, tradeIds?: readonly string[]) {
    // The one copy of the id (core's `interned`): every event of the series carries it into Map lookups.
    this.instrumentId = interned(instrumentId);
    this.length = commonLength("trade", {
      ts: columns.ts,
      price: columns.price,
      size: columns.size,
      aggressor: columns.aggressor,
      ...(tradeIds === undefined ? {} : { tradeIds }),
    });
    this.ts = columns.ts;
    this.price = columns.price;
    this.size = columns.size;
    this.aggressor = columns.aggressor;
    this.tradeIds = tradeIds;
  }

  column(field: TradeField): Float64Array {
    return this[field];
  }

  trade(i: number): TradeTick {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`trade index ${i} outside 0..${this.length - 1}`);
    const base = {
      kind: "trade" as const,
      instrumentId: this.instrumentId,
      ts: this.ts[i]!,
      price: this.price[i]!,
      size: this.size[i]!,
      aggressor: aggressorOf(this.aggressor[i]!),
    };
    const id = this.tradeIds?.[i];
    return id === undefined ? base : { ...base, tradeId: id };
  }

  *[Symbol.iterator](): IterableIterator<TradeTick> {
    for (let i = 0; i < this.length; i++) yield this.trade(i);
  }

  indexAtOrBefore(ts: number): number {
    return lastIndexAtOrBefore(this.ts, this.length, ts);
  }

  slice(start: number, end: number = this.length): TradeSeries {
    const s = Math.max(0, Math.min(start, this.length));
    const e = Math.max(s, Math.min(end, this.length));
    return new TradeSeries(
      this.instrumentId,
      {
        ts: this.ts.subarray(s, e),
        price: this.price.subarray(s, e),
        size: this.size.subarray(s, e),
        aggressor: this.aggressor.subarray(s, e),
      },
      this.tradeIds?.slice(s, e),
    );
  }

  between(from: number, to: number): TradeSeries {
    return this.slice(
      firstIndexAtOrAfter(this.ts, this.length, from),
      firstIndexAtOrAfter(this.ts, this.length, to),
    );
  }

  withInstrumentId(instrumentId: string): TradeSeries {
    return new TradeSeries(instrumentId, this, this.tradeIds);
  }
}

/** Buy/sell words to aggressor codes; undefined when the text is not one. */
export function aggressorCode(text: string): number | undefined {
  switch (text.trim().toLowerCase()) {
    case "buy":
    case "b":
    case "buyer":
    case "bid":
    case "1":
      return 1;
    case "sell":
    case "s":
    case "seller":
    case "ask":
    case "-1":
      return -1;
    case "":
    case "none":
    case "n":
    case "0":
    case "unknown":
    case "no_aggressor":
      return 0;
    default:
      return undefined;
  }
}
