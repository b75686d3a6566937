import {
  type Clock,
  type Decimal,
  type DecimalLike,
  DecimalSchema,
  NonNegativeDecimalSchema,
  ONE,
  type OrderSide,
  orderEvent,
  PositiveDecimalSchema,
  parseDecimal,
  TimestampSchema,
  type UnixMillis,
  ValidationError,
  ZERO,
} from "@ordo/core";
import { z } from "zod";
import type { AccountingInstrument } from "./accounting-instrument.js";
import type { LedgerEntry } from "./ledger.js";
import { parseWithSchema } from "./parse-input.js";
import { Portfolio, type PortfolioEventSink, type PositionEventListener } from "./portfolio.js";
import { refuseCashLeverage } from "./portfolio-options.js";
import type { Position } from "./position.js";
import type { RoundTrip } from "./round-trip.js";
import type { TradeStatistics } from "./trade-statistics.js";

export const PositionManagerOptionsSchema = z.strictObject({
  startingCash: NonNegativeDecimalSchema,
  /** The account currency; instruments not given in `instruments` are assumed to be quoted in it. */
  currency: z.string().min(1).default("USD"),
  /** MARGIN by default, so short positions work; CASH refuses shorts and spending beyond the cash. */
  accountType: z.enum(["CASH", "MARGIN"]).default("MARGIN"),
  /** Margin accounts: initial margin = notional / leverage (unless the instrument sets its margin). */
  leverage: PositiveDecimalSchema.default(() => ONE),
  maxOpenPositions: z.number().int().positive().optional(),
  /** Commission per fill as a fraction of notional (0.001 = 0.1 %) when a call gives none. Default 0. */
  commissionRate: NonNegativeDecimalSchema.default(() => ZERO),
  strategyId: z.string().min(1).default("manual"),
  accountId: z.string().min(1).default("BOT"),
  /** Prefix of position ids: `P-1`, `P-2`, ... */
  positionIdPrefix: z.string().min(1).default("P"),
});

export type PositionManagerOptions = z.input<typeof PositionManagerOptionsSchema> & {
  /** Instrument definitions (multiplier, currency, margin). Others: multiplier 1, the manager's currency. */
  readonly instruments?: readonly AccountingInstrument[];
  /** Where times come from when a call gives no `ts`. Without a clock every call must give `ts`. */
  readonly clock?: Clock;
  /** Publishes position events and account states, as the Portfolio does. */
  readonly bus?: PortfolioEventSink;
};

const OpenPositionSchema = z
  .strictObject({
    instrumentId: z.string().min(1),
    /** LONG / BUY or SHORT / SELL. */
    side: z.enum(["LONG", "SHORT", "BUY", "SELL"]),
    entryPrice: PositiveDecimalSchema,
    quantity: PositiveDecimalSchema,
    stopLoss: PositiveDecimalSchema.optional(),
    takeProfit: PositiveDecimalSchema.optional(),
    /** The entry fill's commission; default: commissionRate × notional. */
    commission: DecimalSchema.optional(),
    ts: TimestampSchema.optional(),
    /** The position's id; default: generated. */
    id: z.string().min(1).optional(),
  })
  .superRefine((value, ctx) => {
    const long = value.side === "LONG" || value.side === "BUY";
    const below = long ? "below" : "above";
    const above = long ? "above" : "below";
    if (
      value.stopLoss !== undefined &&
      (long ? value.stopLoss.gte(value.entryPrice) : value.stopLoss.lte(value.entryPrice))
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["stopLoss"],
        message: `must be ${below} the entry price ${value.entryPrice.toFixed()} for a ${long ? "long" : "short"} position, got ${value.stopLoss.toFixed()}`,
      });
    }
    if (
      value.takeProfit !== undefined &&
      (long ? value.takeProfit.lte(value.entryPrice) : value.takeProfit.gte(value.entryPrice))
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["takeProfit"],
        message: `must be ${above} the entry price ${value.entryPrice.toFixed()} for a ${long ? "long" : "short"} position, got ${value.takeProfit.toFixed()}`,
      });
    }
  });
export type OpenPositionRequest = z.input<typeof OpenPositionSchema>;

const ClosePositionSchema = z.strictObject({
  exitPrice: PositiveDecimalSchema,
  /** Why: "stop-loss", "take-profit", "signal", ... recorded on the round trip. */
  reason: z.string().min(1).optional(),
  /** Part of the position to close; default: all of it. */
  quantity: PositiveDecimalSchema.optional(),
  commission: DecimalSchema.optional(),
  ts: TimestampSchema.optional(),
});
export type ClosePositionRequest = z.input<typeof ClosePositionSchema>;

export interface ClosePositionResult {
  readonly position: Position;
  /** Realized PnL of this close, before commission. */
  readonly realizedPnl: Decimal;
  /** The round trip, when the position is now closed; null after a partial close. */
  readonly roundTrip: RoundTrip | null;
}

/** A position whose stop-loss or take-profit the latest price has reached. */
export interface ExitSignal {
  readonly positionId: string;
  readonly reason: "stop-loss" | "take-profit";
  /** The stop-loss or take-profit level that was reached. */
  readonly triggerPrice: Decimal;
  /** The price that reached it. */
  readonly price: Decimal;
}

export interface PositionManagerStats {
  readonly openPositions: number;
  readonly closedTrades: number;
  readonly wins: number;
  readonly losses: number;
  /** wins / closed trades, null before the first close. */
  readonly winRate: number | null;
  readonly realizedPnl: Decimal;
  readonly unrealizedPnl: Decimal;
  readonly commissions: Decimal;
  /** realized + unrealized − commissions. */
  readonly totalPnl: Decimal;
  readonly equity: Decimal;
}

/**
 * Positions for a bot that runs without the engine: open with an entry price, quantity, stop-loss and
 * take-profit; feed prices; read unrealized PnL; close with an exit price and a reason; read statistics.
 * It books everything in a HEDGING-mode `Portfolio` (`manager.portfolio`), so each position has its own
 * id and protection, and the ledger, equity curve and metrics are all there.
 */
export class PositionManager {
  readonly portfolio: Portfolio;
  readonly #config: z.output<typeof PositionManagerOptionsSchema>;
  readonly #instruments = new Map<string, AccountingInstrument>();
  readonly #clock: Clock | undefined;
  #fillCount = 0;
  #idCounter = 0;

  constructor(options: PositionManagerOptions) {
    const { instruments = [], clock, bus, ...rest } = options;
    this.#config = parseWithSchema(PositionManagerOptionsSchema, rest, "options");
    refuseCashLeverage(rest.leverage, this.#config.accountType);
    this.#clock = clock;
    for (const instrument of instruments) this.#instruments.set(instrument.id, instrument);
    const c = this.#config;
    this.portfolio = new Portfolio({
      accountId: c.accountId,
      accountType: c.accountType,
      positionMode: "HEDGING",
      baseCurrency: c.currency,
      startingCash: c.startingCash,
      startTs: clock?.now() ?? 0,
      ...(c.accountType === "MARGIN" && { leverage: c.leverage }),
      positionIdPrefix: c.positionIdPrefix,
      ...(c.maxOpenPositions === undefined ? {} : { maxOpenPositions: c.maxOpenPositions }),
      ...(bus === undefined ? {} : { bus }),
    });
  }

  /** Opens a new position (never nets against another one) and returns it. */
  open(request: OpenPositionRequest): Position {
    const r = parseWithSchema(OpenPositionSchema, request, "open");
    const ts = this.#ts(r.ts, "open.ts");
    const instrument = this.#instrument(r.instrumentId);
    const generated = r.id === undefined ? this.#nextId() : null;
    const id = r.id ?? generated!.id;
    const side: OrderSide = r.side === "LONG" || r.side === "BUY" ? "BUY" : "SELL";
    this.#fill(instrument, side, r.entryPrice, r.quantity, r.commission, ts, {
      positionId: id,
      ...(r.stopLoss === undefined ? {} : { stopLoss: r.stopLoss }),
      ...(r.takeProfit === undefined ? {} : { takeProfit: r.takeProfit }),
    });
    if (generated !== null) this.#idCounter = generated.counter;
    return this.portfolio.position(id)!;
  }

  /** Closes a position, or part of it, at `exitPrice`. */
  close(positionId: string, request: ClosePositionRequest): ClosePositionResult {
    const r = parseWithSchema(ClosePositionSchema, request, "close");
    const ts = this.#ts(r.ts, "close.ts");
    const position = this.#openPosition(positionId);
    const instrument = this.#instrument(position.instrumentId);
    const quantity = r.quantity ?? position.quantity.abs();
    const side: OrderSide = position.direction === "LONG" ? "SELL" : "BUY";
    const outcome = this.#fill(instrument, side, r.exitPrice, quantity, r.commission, ts, {
      positionId,
      ...(r.reason === undefined ? {} : { exitReason: r.reason }),
    });
    return { position, realizedPnl: outcome.realizedPnl, roundTrip: outcome.roundTrips[0] ?? null };
  }

  /** Closes every open position (of one instrument, or all) at `exitPrice`. */
  closeAll(instrumentId: string, request: ClosePositionRequest): ClosePositionResult[] {
    return this.portfolio.openPositions(instrumentId).map((p) => this.close(p.id, request));
  }

  /**
   * Marks an instrument at `price` and returns the open positions whose stop-loss or take-profit that
   * price has reached (stop-loss first when a price somehow reaches both). Closing them is the bot's call.
   */
  updatePrice(instrumentId: string, price: DecimalLike, ts?: UnixMillis): ExitSignal[] {
    this.portfolio.updatePrice(instrumentId, price, this.#ts(ts, "ts"));
    return this.exitSignals(instrumentId, price);
  }

  /** The exits `price` would trigger, without changing anything. */
  exitSignals(instrumentId: string, price: DecimalLike): ExitSignal[] {
    const at = parseDecimal(price, { field: "price" });
    const signals: ExitSignal[] = [];
    for (const p of this.portfolio.openPositions(instrumentId)) {
      if (p.stopLoss !== null && p.shouldStopLoss(at)) {
        signals.push({ positionId: p.id, reason: "stop-loss", triggerPrice: p.stopLoss, price: at });
      } else if (p.takeProfit !== null && p.shouldTakeProfit(at)) {
        signals.push({ positionId: p.id, reason: "take-profit", triggerPrice: p.takeProfit, price: at });
      }
    }
    return signals;
  }

  setStopLoss(positionId: string, price: DecimalLike | null): void {
    this.portfolio.setStopLoss(positionId, price);
  }

  setTakeProfit(positionId: string, price: DecimalLike | null): void {
    this.portfolio.setTakeProfit(positionId, price);
  }

  position(positionId: string): Position | undefined {
    return this.portfolio.position(positionId);
  }

  openPositions(instrumentId?: string): Position[] {
    return this.portfolio.openPositions(instrumentId);
  }

  closedTrades(): readonly RoundTrip[] {
    return this.portfolio.roundTrips();
  }

  unrealizedPnl(): Decimal {
    return this.portfolio.unrealizedPnl(this.#config.currency);
  }

  equity(): Decimal {
    return this.portfolio.equity(this.#config.currency);
  }

  ledger(): readonly LedgerEntry[] {
    return this.portfolio.ledger();
  }

  onPositionEvent(listener: PositionEventListener): () => void {
    return this.portfolio.onPositionEvent(listener);
  }

  tradeStatistics(): TradeStatistics {
    return this.portfolio.tradeStatistics(this.#config.currency);
  }

  /** Open positions, closed trades, win rate and PnL, in the manager's currency. */
  stats(): PositionManagerStats {
    const currency = this.#config.currency;
    const trades = this.tradeStatistics();
    const realizedPnl = this.portfolio.realizedPnl(currency);
    const unrealizedPnl = this.portfolio.unrealizedPnl(currency);
    const commissions = this.portfolio.commissions(currency);
    return {
      openPositions: this.portfolio.openPositionCount,
      closedTrades: trades.trades,
      wins: trades.wins,
      losses: trades.losses,
      winRate: trades.winRate,
      realizedPnl,
      unrealizedPnl,
      commissions,
      totalPnl: realizedPnl.plus(unrealizedPnl).minus(commissions),
      equity: this.portfolio.equity(currency),
    };
  }

  #fill(
    instrument: AccountingInstrument,
    side: OrderSide,
    price: Decimal,
    quantity: Decimal,
    commission: Decimal | undefined,
    ts: UnixMillis,
    context: Parameters<Portfolio["applyFill"]>[2],
  ) {
    const n = this.#fillCount + 1;
    const fill = orderEvent(
      {
        id: `${this.#config.accountId}-O-${n}`,
        instrumentId: instrument.id,
        strategyId: this.#config.strategyId,
      },
      "OrderFilled",
      ts,
      {
        tradeId: `${this.#config.accountId}-T-${n}`,
        venueOrderId: null,
        side,
        price,
        quantity,
        commission:
          commission ?? quantity.times(price).times(instrument.multiplier).times(this.#config.commissionRate),
        commissionCurrency: instrument.currency,
        liquidity: "TAKER",
      },
    );
    const outcome = this.portfolio.applyFill(fill, instrument, context);
    this.#fillCount = n;
    return outcome;
  }

  /** The next free generated id; the counter moves only once the position is open. */
  #nextId(): { id: string; counter: number } {
    let counter = this.#idCounter;
    let id: string;
    do {
      counter += 1;
      id = `${this.#config.positionIdPrefix}-${counter}`;
    } while (this.portfolio.position(id) !== undefined);
    return { id, counter };
  }

  #openPosition(positionId: string): Position {
    const p = this.portfolio.position(positionId);
    if (p === undefined) {
      throw ValidationError.field("positionId", `no position ${positionId}`, "UNKNOWN_POSITION");
    }
    if (!p.isOpen) {
      throw ValidationError.field(
        "positionId",
        `position ${positionId} is already closed`,
        "POSITION_CLOSED",
      );
    }
    return p;
  }

  #instrument(instrumentId: string): AccountingInstrument {
    return (
      this.#instruments.get(instrumentId) ?? {
        id: instrumentId,
        assetClass: "equity",
        currency: this.#config.currency,
        multiplier: ONE,
      }
    );
  }

  #ts(ts: UnixMillis | undefined, field: string): UnixMillis {
    if (ts !== undefined) return ts;
    if (this.#clock !== undefined) return this.#clock.now();
    throw ValidationError.field(field, "is required when the PositionManager has no clock");
  }
}
