import type { Clock } from "./clock.js";
import { type Decimal, decimalProblem, parseDecimal } from "./decimal.js";
import { ValidationError, type ValidationIssue } from "./errors.js";
import { type OrderInitialized, orderEvent } from "./events.js";
import { isOnStep, roundToStep } from "./instrument.js";
import { initialOrderState, type Order, type OrderSpec } from "./order.js";
import { type OrderRequest, type OrderValidationOptions, validateOrderRequest } from "./order-request.js";
import { civilFromDays, formatTimestamp } from "./time.js";

/**
 * Client order ids that are unique within a node and deterministic: the same clock readings and the same
 * sequence of calls give the same ids. Form: `O-20240102-143100-<trader>-<strategy>-<n>`.
 */
export class ClientOrderIdGenerator {
  readonly #clock: Pick<Clock, "now">;
  readonly #traderId: string;
  readonly #strategyId: string;
  #count: number;
  #stampSecond = Number.NaN;
  /** `O-<stamp>-<trader>-<strategy>-` of #stampSecond. */
  #prefix = "";
  /** `-<trader>-<strategy>-`. */
  readonly #suffix: string;
  #stampDay = Number.NaN;
  /** `O-YYYYMMDD-` of #stampDay, or null when that day does not format that way. */
  #datePart: string | null = null;

  constructor(options: {
    clock: Pick<Clock, "now">;
    traderId?: string;
    strategyId?: string;
    start?: number;
  }) {
    this.#clock = options.clock;
    this.#traderId = options.traderId ?? "T1";
    this.#strategyId = options.strategyId ?? "S1";
    this.#count = options.start ?? 0;
    this.#suffix = `-${this.#traderId}-${this.#strategyId}-`;
  }

  next(): string {
    this.#count += 1;
    const second = Math.floor(this.#clock.now() / 1000);
    if (second !== this.#stampSecond) {
      this.#stampSecond = second;
      // All but the count is fixed within a second: one concatenation per id after that.
      this.#prefix = this.#stampOf(second) + this.#suffix;
    }
    return this.#prefix + this.#count;
  }

  /**
   * `O-YYYYMMDD-hhmmss` of a second. Formatting a date is most of an id's cost and a backtest's orders are
   * rarely in the same second, so the date part is formatted once per day and the time of day is built
   * from digits.
   */
  #stampOf(second: number): string {
    const day = Math.floor(second / 86_400);
    if (day !== this.#stampDay) {
      this.#stampDay = day;
      // Years beyond 4 digits print differently: those days take the full formatting every time.
      const date = yyyymmdd(day);
      this.#datePart = date === null ? null : `O-${date}-`;
    }
    if (this.#datePart === null) return `O-${stampText(second)}`;
    const t = second - day * 86_400;
    const minutes = Math.floor(t / 60);
    return `${this.#datePart}${TWO_DIGITS[Math.floor(minutes / 60)]}${TWO_DIGITS[minutes % 60]}${TWO_DIGITS[t % 60]}`;
  }

  /** How many ids were handed out (restore it with `start` after a restart). */
  get count(): number {
    return this.#count;
  }
}

/** `YYYYMMDD-hhmmss` of a second, formatted in full. */
function stampText(second: number): string {
  return formatTimestamp(second * 1000)
    .slice(0, 19)
    .replace(/[-:]/g, "")
    .replace("T", "-");
}

/**
 * `YYYYMMDD` of a day counted from 1970-01-01 (UTC, proleptic Gregorian), or null outside years 0-9999;
 * no Date object or text to parse.
 */
function yyyymmdd(day: number): string | null {
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  if (year < 0 || year > 9999) return null;
  return `${String(year).padStart(4, "0")}${TWO_DIGITS[month]}${TWO_DIGITS[dayOfMonth]}`;
}
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/** Turns a validated request into the immutable spec an OrderInitialized event carries. */
export function specFromRequest(request: OrderRequest, id: string): OrderSpec {
  const c = request.contingency;
  const t = request.trailing;
  return {
    id,
    instrumentId: request.instrumentId,
    strategyId: request.strategyId,
    side: request.side,
    type: request.type,
    quantity: request.quantity,
    price: request.price ?? null,
    triggerPrice: request.triggerPrice ?? null,
    timeInForce: request.timeInForce,
    expireAt: request.expireAt ?? null,
    trailing: t
      ? {
          offsetType: t.offsetType,
          offset: t.offset,
          limitOffset: t.limitOffset ?? null,
          activationPrice: t.activationPrice ?? null,
        }
      : null,
    reduceOnly: request.reduceOnly,
    postOnly: request.postOnly,
    displayQuantity: request.displayQuantity ?? null,
    contingency: c ? { type: c.type ?? null, linkedIds: c.linkedIds, parentId: c.parentId ?? null } : null,
    tags: request.tags,
  };
}

export interface CreatedOrder {
  readonly order: Order;
  readonly event: OrderInitialized;
}

/** Builds the first state of an order from its OrderInitialized event. */
export function orderFromInitialized(event: OrderInitialized): Order {
  return initialOrderState(event.spec, event.tsEvent);
}

/**
 * Creates orders: validates the request (structure, and the instrument's rules when given), assigns an id
 * when the request has none, and returns the OrderInitialized event with the order's first state.
 */
export class OrderFactory {
  readonly #clock: Pick<Clock, "now">;
  readonly #ids: ClientOrderIdGenerator;
  readonly #validation: OrderValidationOptions;

  constructor(options: {
    clock: Pick<Clock, "now">;
    traderId?: string;
    strategyId?: string;
    validation?: OrderValidationOptions;
  }) {
    this.#clock = options.clock;
    this.#ids = new ClientOrderIdGenerator(options);
    this.#validation = options.validation ?? {};
  }

  nextId(): string {
    return this.#ids.next();
  }

  /** Validates `input` and creates the order. Throws a ValidationError listing every problem. */
  create(input: unknown, validation: OrderValidationOptions = this.#validation): CreatedOrder {
    return this.fromRequest(validateOrderRequest(input, validation));
  }

  /** Creates the order from a request already validated (by `validateOrderRequest`). */
  fromRequest(request: OrderRequest): CreatedOrder {
    const id = request.id ?? this.#ids.next();
    const spec = specFromRequest(request, id);
    return new Created(orderEvent(spec, "OrderInitialized", this.#clock.now(), { spec }));
  }
}

/**
 * What `fromRequest` gives: the event, and the order's first state built only when read. A node's order
 * manager emits the event and keeps the state its cache builds from it, so a second copy per order would
 * be made for nothing.
 */
class Created implements CreatedOrder {
  readonly event: OrderInitialized;
  #order: Order | null = null;

  constructor(event: OrderInitialized) {
    this.event = event;
  }

  get order(): Order {
    if (this.#order === null) this.#order = orderFromInitialized(this.event);
    return this.#order;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Builders: bracket (entry + stop-loss + take-profit) and OCO pairs, as linked order requests.
// ---------------------------------------------------------------------------------------------------------

type Side = "BUY" | "SELL";
type DecimalIn = Decimal | string | number;
type RequestInput = Record<string, unknown>;

export interface BracketInput {
  readonly instrumentId: string;
  readonly strategyId?: string;
  readonly side: Side;
  readonly quantity: Decimal | string | number;
  /** The entry: MARKET (default), LIMIT (with price) or STOP_MARKET / STOP_LIMIT (with triggerPrice). */
  readonly entry?: {
    type?: "MARKET" | "LIMIT" | "STOP_MARKET" | "STOP_LIMIT";
    price?: DecimalIn;
    triggerPrice?: DecimalIn;
  };
  /** Stop-loss: an absolute trigger, or an offset from the entry price (price units). STOP_MARKET unless a limit is given. */
  readonly stopLoss: { triggerPrice?: DecimalIn; offset?: DecimalIn; price?: DecimalIn };
  /** Take-profit: an absolute price, or an offset from the entry price. LIMIT (default) or MARKET_IF_TOUCHED. */
  readonly takeProfit: { price?: DecimalIn; offset?: DecimalIn; type?: "LIMIT" | "MARKET_IF_TOUCHED" };
  /** The entry price offsets are measured from; defaults to the entry's limit or trigger price. */
  readonly referencePrice?: DecimalIn;
  readonly timeInForce?: "GTC" | "DAY" | "GTD";
  readonly expireAt?: string | number;
  /** Ids for the three orders; generated when absent. */
  readonly ids?: { entry?: string; stopLoss?: string; takeProfit?: string };
  readonly tags?: readonly string[];
}
export interface BracketRequests {
  readonly entry: RequestInput;
  readonly stopLoss: RequestInput;
  readonly takeProfit: RequestInput;
}

export interface BracketBuildOptions {
  /**
   * The instrument's tick size: an exit worked out from an offset must land on it, and the error says
   * which offsets would (an absolute price off the tick is left to the instrument rules, which deny it).
   */
  readonly tickSize?: Decimal;
}

function toDecimalText(v: DecimalIn): string {
  return typeof v === "string" ? v : v.toString();
}

/**
 * A bracket as three linked requests: the entry is OTO (its children are the exits), the exits are OUO
 * with each other (a fill of one reduces the other; when one completes the other is canceled) and carry
 * the entry as parent, so they are live only once the entry fills. Exits are reduce-only.
 * Exit prices are absolute or offsets (> 0, price units) from the entry price. Throws one ValidationError
 * listing every problem, including exits on the wrong side of the entry (or of each other when the entry
 * price is unknown): such a stop-loss would trigger at once.
 */
export function buildBracket(
  input: BracketInput,
  nextId: () => string,
  options: BracketBuildOptions = {},
): BracketRequests {
  const entryId = input.ids?.entry ?? nextId();
  const slId = input.ids?.stopLoss ?? nextId();
  const tpId = input.ids?.takeProfit ?? nextId();
  const exitSide: Side = input.side === "BUY" ? "SELL" : "BUY";
  const entryType = input.entry?.type ?? "MARKET";
  const sign = input.side === "BUY" ? 1 : -1;
  // Every problem is collected and thrown together, each at the field the user wrote.
  const issues: ValidationIssue[] = [];
  const decimalAt = (path: string[], value: DecimalIn, positive = false): Decimal | undefined => {
    const problem = decimalProblem(value, { allowNegative: !positive, allowZero: !positive });
    if (problem === null) return parseDecimal(value);
    issues.push({ path, message: problem });
    return undefined;
  };
  const refSource: [string[], DecimalIn] | undefined =
    input.referencePrice !== undefined
      ? [["referencePrice"], input.referencePrice]
      : input.entry?.price !== undefined
        ? [["entry", "price"], input.entry.price]
        : input.entry?.triggerPrice !== undefined
          ? [["entry", "triggerPrice"], input.entry.triggerPrice]
          : undefined;
  const ref = refSource && decimalAt(...refSource);

  /** An exit price: absolute, or the entry price moved by `offset` (away from the entry on `direction`). */
  const exitPrice = (
    leg: "stopLoss" | "takeProfit",
    absoluteField: "triggerPrice" | "price",
    absolute: DecimalIn | undefined,
    offset: DecimalIn | undefined,
    direction: 1 | -1,
  ): { value: Decimal; text: string; path: string[] } | undefined => {
    if (absolute !== undefined) {
      // Absolute prices keep the text the caller wrote.
      const value = decimalAt([leg, absoluteField], absolute);
      return value && { value, text: toDecimalText(absolute), path: [leg, absoluteField] };
    }
    if (offset === undefined) {
      issues.push({ path: [leg], message: `needs a ${absoluteField} or an offset` });
      return undefined;
    }
    const distance = decimalAt([leg, "offset"], offset, true);
    if (refSource === undefined) {
      issues.push({
        path: [leg, "offset"],
        message:
          "an offset needs the entry price: give the entry a price or triggerPrice, or a referencePrice",
      });
      return undefined;
    }
    if (!distance || !ref) return undefined;
    const value = ref.plus(distance.times(direction * sign));
    const tick = options.tickSize;
    if (tick !== undefined && !isOnStep(value, tick)) {
      // The user wrote an offset, not this price: say where it came from and which offsets land on the tick.
      const onTick = [roundToStep(value, tick, "down"), roundToStep(value, tick, "up")]
        .map((p) => p.minus(ref).abs())
        .filter((o) => o.gt(0))
        .sort((a, b) => a.comparedTo(b))
        .map((o) => o.toFixed());
      const way = direction * sign < 0 ? "below" : "above";
      issues.push({
        path: [leg, "offset"],
        message: `${distance.toFixed()} ${way} ${refSource[0].join(".")} ${ref.toFixed()} is ${value.toFixed()}, which is not a multiple of tick size ${tick.toFixed()}: give an offset that lands on the tick (${onTick.join(" or ")}) or a ${absoluteField}`,
      });
      return undefined;
    }
    return { value, text: value.toFixed(), path: [leg, "offset"] };
  };

  const sl = input.stopLoss;
  const tp = input.takeProfit;
  const slTrigger = exitPrice("stopLoss", "triggerPrice", sl.triggerPrice, sl.offset, -1);
  const tpPrice = exitPrice("takeProfit", "price", tp.price, tp.offset, 1);
  // A stop-loss on the wrong side of the entry would trigger at once; a take-profit there would fill at once.
  const below = input.side === "BUY" ? "below" : "above";
  const above = input.side === "BUY" ? "above" : "below";
  const isBelow = (a: Decimal, b: Decimal) => (input.side === "BUY" ? a.lt(b) : a.gt(b));
  if (ref && slTrigger && !isBelow(slTrigger.value, ref)) {
    issues.push({
      path: slTrigger.path,
      message: `a ${input.side} bracket's stop-loss ${slTrigger.value.toFixed()} must be ${below} the entry price ${ref.toFixed()}`,
    });
  }
  if (ref && tpPrice && !isBelow(ref, tpPrice.value)) {
    issues.push({
      path: tpPrice.path,
      message: `a ${input.side} bracket's take-profit ${tpPrice.value.toFixed()} must be ${above} the entry price ${ref.toFixed()}`,
    });
  }
  if (!ref && slTrigger && tpPrice && !isBelow(slTrigger.value, tpPrice.value)) {
    issues.push({
      path: slTrigger.path,
      message: `a ${input.side} bracket's stop-loss ${slTrigger.value.toFixed()} must be ${below} its take-profit ${tpPrice.value.toFixed()}`,
    });
  }
  if (issues.length > 0 || !slTrigger || !tpPrice) throw new ValidationError(issues);

  const common = {
    instrumentId: input.instrumentId,
    ...(input.strategyId !== undefined && { strategyId: input.strategyId }),
    quantity: toDecimalText(input.quantity),
    timeInForce: input.timeInForce ?? "GTC",
    ...(input.expireAt !== undefined && { expireAt: input.expireAt }),
    tags: [...(input.tags ?? [])],
  };
  const entry: RequestInput = {
    ...common,
    id: entryId,
    side: input.side,
    type: entryType,
    ...(input.entry?.price !== undefined && { price: toDecimalText(input.entry.price) }),
    ...(input.entry?.triggerPrice !== undefined && { triggerPrice: toDecimalText(input.entry.triggerPrice) }),
    contingency: { type: "OTO", linkedIds: [slId, tpId] },
  };
  const stopLoss: RequestInput = {
    ...common,
    id: slId,
    side: exitSide,
    type: sl.price !== undefined ? "STOP_LIMIT" : "STOP_MARKET",
    triggerPrice: slTrigger.text,
    ...(sl.price !== undefined && { price: toDecimalText(sl.price) }),
    reduceOnly: true,
    contingency: { type: "OUO", linkedIds: [tpId], parentId: entryId },
  };
  const tpType = tp.type ?? "LIMIT";
  const takeProfit: RequestInput = {
    ...common,
    id: tpId,
    side: exitSide,
    type: tpType,
    ...(tpType === "LIMIT" ? { price: tpPrice.text } : { triggerPrice: tpPrice.text }),
    reduceOnly: true,
    contingency: { type: "OUO", linkedIds: [slId], parentId: entryId },
  };
  return { entry, stopLoss, takeProfit };
}

/** Two (or more) requests linked one-cancels-other: any fill of one cancels the rest. */
export function buildOco(orders: readonly RequestInput[], nextId: () => string): RequestInput[] {
  if (orders.length < 2) throw ValidationError.field("orders", "an OCO group needs at least two orders");
  const ids = orders.map((o) => (typeof o.id === "string" ? o.id : nextId()));
  return orders.map((o, i) => ({
    ...o,
    id: ids[i],
    contingency: { type: "OCO", linkedIds: ids.filter((_, j) => j !== i) },
  }));
}
