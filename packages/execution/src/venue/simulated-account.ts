import { type Decimal, type Instrument, type OrderFilled, type OrderSide, ZERO } from "@ordo/core";
import { absolute, exactProduct, minus, plus, smaller, timesMultiplier } from "../decimal-shortcuts.js";

/** One netting position as the venue reports it. All amounts in the account currency. */
export interface VenuePositionState {
  readonly instrumentId: string;
  /** Signed: + long, − short. */
  readonly quantity: Decimal;
  /** Average price of the open quantity; 0 when flat. */
  readonly avgOpenPrice: Decimal;
  /** Σ over closing fills of closed quantity × (exit − entry) × multiplier, less every fill's commission. */
  readonly realizedPnl: Decimal;
  /** quantity × (mark − avgOpenPrice) × multiplier, marked at the last price the venue saw. */
  readonly unrealizedPnl: Decimal;
}

/** The account as the venue reports it. */
export interface VenueAccountState {
  readonly type: "cash" | "margin";
  readonly currency: string;
  /** Cash ("cash" accounts) or collateral: starting balance + realized PnL ("margin" accounts). */
  readonly balance: Decimal;
  /** Balance plus the positions' value (cash) or their unrealized PnL (margin): the same figure either way. */
  readonly equity: Decimal;
  readonly commissions: Decimal;
  readonly leverage: Decimal | null;
  readonly positions: readonly VenuePositionState[];
}

/**
 * An instrument of the account and where its last price is kept (the venue's book of it, which marks it
 * at each bar, trade, quote and fill). A position made at its first fill reads its mark there.
 */
export interface MarkedInstrument {
  readonly instrument: Instrument;
  /** The last price seen, or null before any. */
  markPrice(): Decimal | null;
}

class NettingPosition {
  /** The signed quantity, average price and realized PnL as of the fills booked so far (see SimulatedAccount). */
  quantity: Decimal = ZERO;
  avgOpenPrice: Decimal = ZERO;
  realizedPnl: Decimal = ZERO;
  readonly instrument: Instrument;

  constructor(readonly marked: MarkedInstrument) {
    this.instrument = marked.instrument;
  }

  /** The mark as a Decimal, or null before any price. */
  markPrice(): Decimal | null {
    return this.marked.markPrice();
  }
}

/**
 * The venue's own account: cash and one netting position per instrument (a real venue knows positions:
 * reduce-only orders and snapshots need them). Realized PnL follows NautilusTrader's convention and
 * includes commissions, so equity = starting balance + Σ realized + Σ unrealized for either account type.
 */
export class SimulatedAccount {
  readonly type: "cash" | "margin";
  readonly currency: string;
  readonly leverage: Decimal | null;
  #balance: Decimal;
  #commissions: Decimal = ZERO;
  readonly #positions = new Map<string, NettingPosition>();
  readonly #instruments: ReadonlyMap<string, MarkedInstrument>;
  /**
   * Fills recorded since the account was last read, as the venue reported them: booking one costs Decimal
   * work nobody may need (a backtest never reads the venue's account).
   */
  #unbooked: OrderFilled[] = [];

  constructor(options: {
    type: "cash" | "margin";
    currency: string;
    balance: Decimal;
    leverage: Decimal | null;
    instruments: ReadonlyMap<string, MarkedInstrument>;
  }) {
    this.type = options.type;
    this.currency = options.currency;
    this.#balance = options.balance;
    this.leverage = options.leverage;
    this.#instruments = options.instruments;
  }

  /** Net signed quantity held (0 when flat). */
  netQuantity(instrumentId: string): Decimal {
    this.#book();
    return this.#positions.get(instrumentId)?.quantity ?? ZERO;
  }

  /** How much an order of `side` can trade without increasing the position (0 when flat or same side). */
  reducibleQuantity(instrumentId: string, side: OrderSide): Decimal {
    const q = this.netQuantity(instrumentId);
    if (side === "SELL") return q.isPositive() && !q.isZero() ? q : ZERO;
    return q.isNegative() && !q.isZero() ? q.neg() : ZERO;
  }

  /**
   * Records one fill (a reported OrderFilled): its position (made flat at the instrument's first fill),
   * quantity, cash, commissions, average price and realized PnL are booked, in fill order, when the
   * account is next read. The caller marks the instrument at the fill's price.
   */
  applyFill(fill: OrderFilled): void {
    this.#unbooked.push(fill);
  }

  /** The instrument's position, made flat at its first fill (positions are never dropped once made). */
  #position(instrumentId: string): NettingPosition {
    let position = this.#positions.get(instrumentId);
    if (position === undefined) {
      const marked = this.#instruments.get(instrumentId);
      if (marked === undefined) throw new RangeError(`no instrument ${instrumentId} in the account`);
      position = new NettingPosition(marked);
      this.#positions.set(instrumentId, position);
    }
    return position;
  }

  /** Books the recorded fills, one by one in order, exactly as they would have been booked at once. */
  #book(): void {
    const fills = this.#unbooked;
    if (fills.length === 0) return;
    this.#unbooked = [];
    for (const fill of fills) this.#bookFill(fill);
  }

  /** One fill: netting position, realized PnL on the closed part, commission, and cash. */
  #bookFill({ instrumentId, side, quantity, price, commission }: OrderFilled): void {
    const position = this.#position(instrumentId);
    const multiplier = position.instrument.multiplier;
    const signed = side === "BUY" ? quantity : quantity.neg();
    const held = position.quantity;
    let realized = ZERO;
    const remaining = plus(held, signed);
    if (held.isZero() || held.isPositive() === signed.isPositive()) {
      if (held.isZero() && !price.isZero() && exactProduct(quantity, price)) {
        // From flat, (0 + quantity × price) / quantity is the price itself: the product is exact.
        position.avgOpenPrice = price;
      } else {
        const size = held.abs().plus(quantity);
        position.avgOpenPrice = held.abs().times(position.avgOpenPrice).plus(quantity.times(price)).div(size);
      }
    } else {
      const closed = smaller(quantity, absolute(held));
      // × 1 leaves a result as it is and × −1 negates it, exactly.
      const gain = timesMultiplier(closed.times(price.minus(position.avgOpenPrice)), multiplier);
      realized = held.isPositive() ? gain : gain.neg();
      if (remaining.isZero()) position.avgOpenPrice = ZERO;
      else if (remaining.isPositive() !== held.isPositive()) position.avgOpenPrice = price;
    }
    position.quantity = remaining;
    position.realizedPnl = minus(plus(position.realizedPnl, realized), commission);
    this.#commissions = plus(this.#commissions, commission);
    if (this.type === "cash") {
      this.#balance = minus(
        this.#balance.minus(timesMultiplier(signed.times(price), multiplier)),
        commission,
      );
    } else {
      this.#balance = minus(plus(this.#balance, realized), commission);
    }
  }

  positions(): VenuePositionState[] {
    this.#book();
    const out: VenuePositionState[] = [];
    for (const p of this.#positions.values()) {
      out.push({
        instrumentId: p.instrument.id,
        quantity: p.quantity,
        avgOpenPrice: p.avgOpenPrice,
        realizedPnl: p.realizedPnl,
        unrealizedPnl: this.#unrealized(p),
      });
    }
    return out;
  }

  state(): VenueAccountState {
    const positions = this.positions(); // books the recorded fills
    let equity = this.#balance;
    for (const p of this.#positions.values()) {
      if (this.type === "cash") {
        const mark = p.markPrice() ?? p.avgOpenPrice;
        equity = equity.plus(p.quantity.times(mark).times(p.instrument.multiplier));
      } else {
        equity = equity.plus(this.#unrealized(p));
      }
    }
    return {
      type: this.type,
      currency: this.currency,
      balance: this.#balance,
      equity,
      commissions: this.#commissions,
      leverage: this.leverage,
      positions,
    };
  }

  #unrealized(p: NettingPosition): Decimal {
    const mark = p.markPrice();
    if (p.quantity.isZero() || mark === null) return ZERO;
    return p.quantity.times(mark.minus(p.avgOpenPrice)).times(p.instrument.multiplier);
  }
}
