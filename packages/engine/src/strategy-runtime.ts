import {
  buildBracket,
  buildOco,
  Decimal,
  type DecimalLike,
  DenyReason,
  didYouMean,
  isClosed,
  type Order,
  type OrderEvent,
  type OrderEventOf,
  type OrderEventType,
  type OrderFilled,
  type OrderRequest,
  parseDecimal,
  TIMES_IN_FORCE,
  ValidationError,
} from "@ordo/core";
import { filter, type Observable, Subject } from "rxjs";
import { integerAmount } from "./integer-amount.js";
import { templateDefaultsError, unknownBracketFieldsError } from "./order-fields.js";
import { parseOrderQuery } from "./order-query.js";
import { checkScheduleArguments } from "./schedule.js";
import type { StrategyHooks } from "./strategy.js";
import type {
  DataApi,
  OrderQueryOptions,
  OrderStyleOptions,
  OrdersApi,
  PortfolioApi,
  PositionView,
  StrategyContext,
  StrategyLog,
} from "./strategy-context.js";
import { hooksOf, misspeltHooks, misspeltHooksHint, STRATEGY_HOOKS } from "./strategy-hooks.js";
import { StrategyStream } from "./strategy-stream.js";
import { thrownMessage } from "./thrown-message.js";
import type { StrategyRegistration, TradingNode } from "./trading-node.js";
import { unknownKeyIssues } from "./unknown-keys.js";

/** The error of a strategy call made after the run ended, when nothing would act on it. */
function runEndedError(call: string, lastEventTs: number): ValidationError {
  const at = new Date(lastEventTs).toISOString().replace(".000Z", "Z");
  return ValidationError.field(
    call,
    `called after the run ended (its last event was at ${at}): nothing works an order, fires a schedule or keeps a record any more. Call it from a hook or a scheduled function; a Promise or setTimeout callback runs only after a backtest's loop has finished`,
    RUN_ENDED,
  );
}

/** The code of a strategy call made after the run ended. */
export const RUN_ENDED = "RUN_ENDED";

/** A strategy as the node runs it: its hooks, id, parsed parameters, context and recorded values. */
export interface StrategyRuntime {
  readonly id: string;
  readonly hooks: StrategyHooks<unknown>;
  readonly params: unknown;
  readonly ctx: StrategyContext<unknown>;
  readonly recorded: { ts: number; values: Record<string, number> }[];
  /** Where the node delivers the strategy's order events for `ctx.orders.events$` and its filters. */
  readonly orderEvents: Subject<OrderEvent>;
}

function isClass(value: unknown): value is new () => StrategyHooks<unknown> {
  return typeof value === "function";
}

/** Code of the ValidationError thrown for a strategy whose only hook-like methods are misspelt (`onbar`). */
export const STRATEGY_WITHOUT_HOOKS = "STRATEGY_WITHOUT_HOOKS";

/** Code of the ValidationError thrown when a strategy class's constructor throws (nothing has run yet). */
export const STRATEGY_CONSTRUCTOR_THREW = "STRATEGY_CONSTRUCTOR_THREW";

/** Code of the ValidationError thrown for a params schema declared where the engine never reads it. */
export const STRATEGY_PARAMS_NOT_STATIC = "STRATEGY_PARAMS_NOT_STATIC";

function isSchemaLike(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

/**
 * A zod schema of parameters on the instance (`params = z.object(...)`, as backtrader and Python classes
 * declare them) or on a plain strategy object: the engine reads a class's static `params` only, so such a
 * schema would be ignored and the run go on with the parameters as given, unchecked and without defaults.
 */
function misplacedParamsIssue(strategy: StrategyRegistration["strategy"], hooks: object): string | null {
  if (!isSchemaLike((hooks as { params?: unknown }).params)) return null;
  if (isClass(strategy)) {
    if ((strategy as { params?: unknown }).params !== undefined) return null;
    const name = strategy.name || "the strategy class";
    return `${name} declares params on its instances (params = z.object(...)), where the engine never reads it: the parameters would run unchecked and without the schema's defaults. Make it static: static params = z.object({ ... })`;
  }
  return "the strategy object's params is a schema the engine never reads (a plain object gets its parameters as given): declare the strategy as a class with static params = z.object({ ... })";
}

/**
 * One instance of a strategy class. A constructor that throws is the strategy's own bug, found before the
 * run starts, so it is a ValidationError of `strategy` (the error as `cause`), not an engine failure.
 */
function construct(strategy: new () => StrategyHooks<unknown>): StrategyHooks<unknown> {
  try {
    return new strategy();
  } catch (error) {
    const name = strategy.name || "strategy";
    const reason = thrownMessage(error);
    throw new ValidationError(
      [
        {
          path: ["strategy"],
          message: `the constructor of ${name} threw: ${reason}`,
          code: STRATEGY_CONSTRUCTOR_THREW,
        },
      ],
      { cause: error },
    );
  }
}

function parseParams(registration: StrategyRegistration, strategyId: string): unknown {
  const schema = isClass(registration.strategy)
    ? (registration.strategy as { params?: unknown }).params
    : undefined;
  const raw = registration.params ?? {};
  if (schema === undefined || schema === null) return raw;
  const parsed = (
    schema as {
      safeParse(v: unknown): {
        success: boolean;
        data?: unknown;
        error?: { issues: { path: PropertyKey[]; message: string }[] };
      };
    }
  ).safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(
      (parsed.error?.issues ?? []).map((i) => ({
        path: ["strategy", "params", ...(i.path.filter((p) => typeof p !== "symbol") as (string | number)[])],
        message: `${i.message} (strategy ${strategyId})`,
      })),
    );
  }
  return parsed.data;
}

/** One frozen empty tag list shared by every untagged order (orders keep it: one array less per order). */
const NO_TAGS = Object.freeze([]) as readonly string[] as string[];

/** The style of a call that gives none. */
const NO_STYLE: OrderStyleOptions = Object.freeze({});

const STYLE_FIELDS = ["limitPrice", "stopPrice", "timeInForce", "tags"] as const;

/**
 * The Zipline-style `style` of `ctx.order*`, checked: its request is built typed and skips the zod parse,
 * so without this a misspelt `limitprice` placed a market order and `timeInForce: "day"` failed deep in
 * the venue with a message about emulators.
 */
function checkStyle(style: OrderStyleOptions): void {
  const issues = unknownKeyIssues(style, STYLE_FIELDS, ["style"], "a style option", "options");
  const tif: unknown = style.timeInForce;
  if (tif !== undefined && !(TIMES_IN_FORCE as readonly unknown[]).includes(tif)) {
    const hint = typeof tif === "string" ? didYouMean(tif, TIMES_IN_FORCE) : "";
    issues.push({
      path: ["style", "timeInForce"],
      message: `must be one of ${TIMES_IN_FORCE.join(", ")}, got ${JSON.stringify(tif)}${hint}`,
    });
  } else if (tif === "GTD") {
    issues.push({
      path: ["style", "timeInForce"],
      message:
        "GTD needs an expireAt, which a style cannot give: use ctx.orders.placeLimit (or placeMarket, placeStop) with timeInForce GTD and expireAt",
    });
  }
  const tags: unknown = style.tags;
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === "string"))) {
    issues.push({
      path: ["style", "tags"],
      message: `must be a list of strings, got ${JSON.stringify(tags)}`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Builds a strategy's context on a node. */
export function createStrategyContext(
  node: TradingNode,
  registration: StrategyRegistration,
  index: number,
  usedIds: ReadonlySet<string>,
): StrategyRuntime {
  const strategy = registration.strategy;
  const hooks: StrategyHooks<unknown> = isClass(strategy)
    ? construct(strategy)
    : (strategy as StrategyHooks<unknown>);
  const named = isClass(strategy) && strategy.name !== "" && strategy.name !== "strategy";
  const misspelt = misspeltHooks(hooks);
  const hookless = hooksOf(hooks).length === 0;
  const what = named ? `the strategy class ${strategy.name}` : "the strategy";
  if (hookless && misspelt.length > 0) {
    throw new ValidationError([
      {
        path: ["strategy"],
        message: `${what} has none of the hooks ${STRATEGY_HOOKS.join(", ")}, so nothing of it would ever run${misspeltHooksHint(misspelt)}`,
        code: STRATEGY_WITHOUT_HOOKS,
      },
    ]);
  }
  const misplaced = misplacedParamsIssue(strategy, hooks);
  if (misplaced !== null) {
    throw new ValidationError([{ path: ["strategy"], message: misplaced, code: STRATEGY_PARAMS_NOT_STATIC }]);
  }
  let id = registration.id ?? (named ? strategy.name : `S${index + 1}`);
  if (usedIds.has(id)) id = `${id}-${index + 1}`;
  const params = parseParams(registration, id);
  const recorded: StrategyRuntime["recorded"] = [];
  const now = () => node.clock.now();

  const log: StrategyLog = {
    debug: (m, f) => node.log(id, "debug", m, f),
    info: (m, f) => node.log(id, "info", m, f),
    warn: (m, f) => node.log(id, "warn", m, f),
    error: (m, f) => node.log(id, "error", m, f),
  };
  // A method spelt like a hook beside real hooks: the run goes on, but a method it never calls is named.
  // A strategy with no hook at all (a baseline that never trades) runs, and says so once.
  for (const m of misspelt) log.warn(`${m.method} is never called: did you mean ${m.hook}?`);
  if (hookless) log.warn(`${what} has none of the hooks ${STRATEGY_HOOKS.join(", ")}: nothing of it runs`);

  /**
   * Once the run is over nothing drives the node: an order would be accepted and never worked, a record
   * or a schedule lost, and none of it in the result. A call then (from a Promise or a setTimeout, which
   * run after a backtest's synchronous loop has finished) throws instead of vanishing.
   */
  const running = (call: string): void => {
    if (node.ended) throw runEndedError(call, node.clock.now());
  };

  const place = (request: Readonly<Record<string, unknown>>, call = "orders.place"): Order => {
    running(call);
    return node.orders.submit(request, id);
  };

  /** One of this strategy's orders by id; any other id (a typo, another strategy's order) throws. */
  const ownOrder = (orderId: string, action: "modify" | "cancel"): Order => {
    const order = typeof orderId === "string" ? node.cache.get(orderId) : undefined;
    if (order === undefined || order.strategyId !== id) {
      throw ValidationError.field(
        "orderId",
        `cannot ${action} order ${String(orderId)}: strategy ${id} placed no order with that id`,
        "UNKNOWN_ORDER",
      );
    }
    return order;
  };

  const positive = (v: DecimalLike, field: string) =>
    parseDecimal(v, { field, allowNegative: false, allowZero: false });
  const decimalText = (v: DecimalLike | undefined) =>
    v === undefined ? undefined : parseDecimal(v).toFixed();

  /** Zipline style: a signed amount with an optional limit / stop. Null when the amount rounds to 0. */
  const orderAmount = (
    instrumentId: string,
    amount: DecimalLike,
    style: OrderStyleOptions = NO_STYLE,
    call = "order",
  ): Order | null => {
    running(call);
    // The usual call gives no style: nothing to check, and no work on the per-order path.
    if (style !== NO_STYLE) checkStyle(style);
    // An integer amount (the usual case) needs no parsing: its Decimal is built directly.
    const integer = typeof amount === "number" && Number.isSafeInteger(amount);
    const q = integer ? null : parseDecimal(amount, { field: "amount" });
    const negative = integer ? amount < 0 : q!.isNegative();
    const quantity = node.roundToLot(
      instrumentId,
      integer ? integerAmount(negative ? -amount : amount) : negative ? q!.neg() : q!,
    );
    if (quantity.isZero()) return null;
    const limit = style.limitPrice === undefined ? undefined : positive(style.limitPrice, "limitPrice");
    const stop = style.stopPrice === undefined ? undefined : positive(style.stopPrice, "stopPrice");
    const side = negative ? "SELL" : "BUY";
    const timeInForce = style.timeInForce ?? "GTC";
    const tags = style.tags === undefined ? NO_TAGS : [...style.tags];
    // Built typed (every field valid by construction), so the hot path skips the zod parse. A market order
    // (the usual call) is one literal: the spreads of a price copy properties at run time, even of `false`.
    const request: OrderRequest =
      limit === undefined && stop === undefined
        ? {
            instrumentId,
            strategyId: id,
            side,
            type: "MARKET",
            quantity,
            timeInForce,
            reduceOnly: false,
            postOnly: false,
            tags,
          }
        : {
            instrumentId,
            strategyId: id,
            side,
            type: limit && stop ? "STOP_LIMIT" : limit ? "LIMIT" : "STOP_MARKET",
            quantity,
            timeInForce,
            reduceOnly: false,
            postOnly: false,
            tags,
            ...(limit !== undefined && { price: limit }),
            ...(stop !== undefined && { triggerPrice: stop }),
          };
    return node.orders.submitOne(request, id);
  };

  const priceFor = (instrumentId: string, style: OrderStyleOptions = {}): Decimal => {
    const p = style.limitPrice ?? style.stopPrice;
    if (p !== undefined) return parseDecimal(p);
    const last = node.lastPrice(instrumentId);
    if (last === null || last.isZero()) {
      throw ValidationError.field(
        "instrumentId",
        `no price yet for ${instrumentId}: cannot size an order by value`,
      );
    }
    return last;
  };

  const portfolioValue = (): Decimal => {
    node.flushMarks();
    return node.portfolio.equity();
  };

  const valueToAmount = (instrumentId: string, value: Decimal, style?: OrderStyleOptions): Decimal => {
    const instrument = node.instruments.get(instrumentId);
    const multiplier = instrument?.multiplier ?? new Decimal(1);
    return value.div(priceFor(instrumentId, style).times(multiplier));
  };

  const portfolio: PortfolioApi = {
    get cash() {
      return node.portfolio.balance().total;
    },
    get portfolioValue() {
      return portfolioValue();
    },
    get positionsValue() {
      return portfolioValue().minus(node.portfolio.balance().total);
    },
    get startingCash() {
      return node.portfolio.ledger().find((e) => e.kind === "transfer")?.amount ?? new Decimal(0);
    },
    get positions() {
      node.flushMarks();
      const out = new Map<string, PositionView>();
      for (const p of node.portfolio.openPositions()) {
        if (p.strategyId !== id && node.strategies.length > 1) continue;
        const prev = out.get(p.instrumentId);
        const amount = (prev?.amount ?? new Decimal(0)).plus(p.quantity);
        out.set(p.instrumentId, {
          instrumentId: p.instrumentId,
          amount,
          costBasis: prev ? prev.costBasis : p.avgOpenPrice,
          lastSalePrice: node.portfolio.lastPrice(p.instrumentId),
        });
      }
      return out;
    },
    position: (instrumentId: string) => node.position(instrumentId),
  };

  const data: DataApi = {
    current: (instrumentId, field) => node.data.current(instrumentId, field),
    // A copy: the node's view shares the feed's memory, and a strategy sorting or filling its window in
    // place would otherwise rewrite the data that later windows, `current` and the report read.
    history: (instrumentId, field, n) => node.data.history(instrumentId, field, n).slice(),
    // Whether the instrument has had an event in this run, so orders can be sized by its price: data from
    // before a backtest's start fills `current` and `history` but gives no price to trade at.
    canTrade: (instrumentId) => node.hasPrice(instrumentId),
  };

  // Fed by the node's delivery queue with this strategy's events only, after onOrderEvent (not by the bus,
  // which publishes while the venue is still matching and before the portfolio has booked a fill).
  const orderEvents = new Subject<OrderEvent>();
  const ownEvents$: Observable<OrderEvent> = new StrategyStream<OrderEvent>(
    (error) => node.streamFailed(runtime, error),
    (subscriber) => orderEvents.subscribe(subscriber),
  );

  const orders: OrdersApi = {
    placeMarket: (f) => place({ ...f, type: "MARKET" }, "orders.placeMarket"),
    placeLimit: (f) => place({ ...f, type: "LIMIT" }, "orders.placeLimit"),
    placeStop: (f) => place({ ...f, type: "STOP_MARKET" }, "orders.placeStop"),
    placeStopLimit: (f) => place({ ...f, type: "STOP_LIMIT" }, "orders.placeStopLimit"),
    placeTrailingStop: (f) => {
      const { offsetType, offset, limitOffset, activationPrice, ...rest } = f;
      return place(
        {
          ...rest,
          type: limitOffset === undefined ? "TRAILING_STOP_MARKET" : "TRAILING_STOP_LIMIT",
          trailing: {
            offsetType,
            offset,
            ...(limitOffset !== undefined && { limitOffset }),
            ...(activationPrice !== undefined && { activationPrice }),
          },
        },
        "orders.placeTrailingStop",
      );
    },
    place: (request) => place(request),
    placeOco: (requests) => {
      running("orders.placeOco");
      // Numbers are taken for good only by orders that were made: a refused call leaves none used.
      let n = ocoCount;
      try {
        const placed = node.orders.submitList(
          buildOco(requests, () => `${id}-oco-${++n}`),
          id,
        );
        ocoCount = n;
        return placed;
      } catch (error) {
        // Up to the last of its numbers whose id is in use after all (an order made before the error, or
        // one the strategy named so itself): taking those again would fail again.
        while (n > ocoCount && !node.cache.has(`${id}-oco-${n}`)) n -= 1;
        ocoCount = n;
        throw error;
      }
    },
    placeBracket: (input) => {
      running("orders.placeBracket");
      const unknown = unknownBracketFieldsError(input);
      if (unknown !== null) throw unknown;
      // One number per bracket, whichever of its ids are given: counting only generated entry ids gave
      // a bracket with its own entry id the previous bracket's exit ids (DUPLICATE_ORDER_ID). The number
      // is taken for good only when the bracket's orders were made: a refused call leaves it unused.
      const n = bracketCount + 1;
      const ids = {
        entry: input.ids?.entry ?? `${id}-B${n}-entry`,
        stopLoss: input.ids?.stopLoss ?? `${id}-B${n}-sl`,
        takeProfit: input.ids?.takeProfit ?? `${id}-B${n}-tp`,
      };
      try {
        const tickSize = node.instruments.get(input.instrumentId)?.tickSize;
        const b = buildBracket(
          { ...input, strategyId: id, ids },
          () => "",
          tickSize === undefined ? {} : { tickSize },
        );
        const [entry, stopLoss, takeProfit] = node.orders.submitList([b.entry, b.stopLoss, b.takeProfit], id);
        bracketCount = n;
        return { entry: entry!, stopLoss: stopLoss!, takeProfit: takeProfit! };
      } catch (error) {
        // Unless one of its ids is in use after all (an order made before the error, or an order the
        // strategy named so itself): taking the number again would then fail again.
        const numbered = `${id}-B${n}-`;
        if (Object.values(ids).some((o) => o.startsWith(numbered) && node.cache.has(o))) bracketCount = n;
        throw error;
      }
    },
    placePositionExit: (instrumentId, options = {}) => {
      running("orders.placePositionExit");
      const q = node.position(instrumentId);
      if (q.isZero()) return null;
      const price = decimalText(options.price);
      return place(
        {
          instrumentId,
          side: q.isNegative() ? "BUY" : "SELL",
          type: price === undefined ? "MARKET" : "LIMIT",
          quantity: q.abs().toFixed(),
          reduceOnly: true,
          ...(price !== undefined && { price }),
          tags: [...(options.tags ?? []), "position-exit"],
        },
        "orders.placePositionExit",
      );
    },
    modify: (orderId, change) => {
      running("orders.modify");
      const order = ownOrder(orderId, "modify");
      if (isClosed(order.status)) {
        // No event can say so (a closed order takes none): the log does, as the change did not happen.
        log.warn(`modify of order ${orderId} ignored: it is already ${order.status}`);
        return false;
      }
      return node.orders.modify(orderId, {
        ...(change.price !== undefined && { price: parseDecimal(change.price, { field: "price" }) }),
        ...(change.triggerPrice !== undefined && {
          triggerPrice: parseDecimal(change.triggerPrice, { field: "triggerPrice" }),
        }),
        ...(change.quantity !== undefined && {
          quantity: parseDecimal(change.quantity, { field: "quantity" }),
        }),
      });
    },
    cancel: (orderId) => {
      running("orders.cancel");
      ownOrder(orderId, "cancel");
      return node.orders.cancel(orderId);
    },
    cancelMany: (orderIds) => {
      running("orders.cancelMany");
      // Every id is checked before any cancel goes out: an unknown one leaves all the orders as they were.
      for (const o of orderIds) ownOrder(o, "cancel");
      return orderIds.map((o) => node.orders.cancel(o));
    },
    cancelAll: (instrumentId) => {
      running("orders.cancelAll");
      for (const o of node.activeOrders(id, instrumentId)) node.orders.cancel(o.id);
    },
    get: (orderId) => node.cache.get(orderId),
    query: (options: OrderQueryOptions = {}) => {
      const { from, to, instrumentId, status, limit } = parseOrderQuery(options, node.instruments);
      const found = node.cache
        .orders({
          strategyId: id,
          ...(instrumentId !== undefined && { instrumentId }),
          ...(status !== undefined && { status }),
        })
        .filter((o) => o.initAt >= from && o.initAt < to)
        .reverse();
      return limit === undefined ? found : found.slice(0, limit);
    },
    template: (defaults) => {
      // Checked here too, so a misspelt default is refused where the template is made, not at each place.
      const invalid = templateDefaultsError(defaults);
      if (invalid !== null) throw invalid;
      return { defaults, place: (fields) => place({ ...defaults, ...fields }, "orders.template(...).place") };
    },
    events$: ownEvents$,
    fills$: ownEvents$.pipe(filter((e): e is OrderFilled => e.type === "OrderFilled")),
    on: <T extends OrderEventType>(type: T) =>
      ownEvents$.pipe(filter((e): e is OrderEventOf<T> => e.type === type)) as Observable<OrderEventOf<T>>,
    eventsFor: (orderId) => ownEvents$.pipe(filter((e) => e.orderId === orderId)),
  };
  let ocoCount = 0;
  let bracketCount = 0;

  const ctx: StrategyContext<unknown> = {
    strategyId: id,
    params,
    clock: node.clock,
    now,
    order: orderAmount,
    orderValue: (instrumentId, value, style) =>
      orderAmount(
        instrumentId,
        valueToAmount(instrumentId, parseDecimal(value, { field: "value" }), style),
        style,
        "orderValue",
      ),
    orderPercent: (instrumentId, percent, style) =>
      orderAmount(
        instrumentId,
        valueToAmount(
          instrumentId,
          portfolioValue().times(parseDecimal(percent, { field: "percent" })),
          style,
        ),
        style,
        "orderPercent",
      ),
    orderTarget: (instrumentId, target, style) =>
      orderAmount(
        instrumentId,
        parseDecimal(target, { field: "target" }).minus(node.position(instrumentId)),
        style,
        "orderTarget",
      ),
    orderTargetValue: (instrumentId, value, style) => {
      const target = node.lotQuantity(
        instrumentId,
        valueToAmount(instrumentId, parseDecimal(value, { field: "value" }), style),
      );
      return orderAmount(instrumentId, target.minus(node.position(instrumentId)), style, "orderTargetValue");
    },
    orderTargetPercent: (instrumentId, percent, style) => {
      const value = portfolioValue().times(parseDecimal(percent, { field: "percent" }));
      const target = node.lotQuantity(instrumentId, valueToAmount(instrumentId, value, style));
      return orderAmount(
        instrumentId,
        target.minus(node.position(instrumentId)),
        style,
        "orderTargetPercent",
      );
    },
    getOpenOrders: (instrumentId) => node.activeOrders(id, instrumentId),
    getOrder: (orderId) => node.cache.get(orderId),
    instrument: (instrumentId) => {
      const instrument = node.instruments.get(instrumentId);
      if (!instrument) {
        throw ValidationError.field(
          "instrumentId",
          `unknown instrument ${instrumentId} (this node trades: ${[...node.instruments.keys()].join(", ")})`,
          DenyReason.UNKNOWN_INSTRUMENT,
        );
      }
      return instrument;
    },
    cancelOrder: (order) => {
      running("cancelOrder");
      const orderId = typeof order === "string" ? order : order.id;
      ownOrder(orderId, "cancel");
      return node.orders.cancel(orderId);
    },
    schedule: (dateRule, timeRule, fn) => {
      running("schedule");
      checkScheduleArguments(dateRule, timeRule, fn);
      node.schedule(runtime, dateRule, timeRule, () => fn(ctx));
    },
    record: (...args: unknown[]) => {
      running("record");
      const values = recordedValues(args);
      const ts = now();
      const numbers: Record<string, number> = {};
      // Recorded values are plotted and kept as JSON numbers: a Decimal is charted as its nearest number,
      // and anything else is refused by name, where it used to become a silent null in the result.
      for (const [name, value] of Object.entries(values as Readonly<Record<string, unknown>>)) {
        if (typeof value === "number") numbers[name] = value;
        else if (Decimal.isDecimal(value)) numbers[name] = (value as Decimal).toNumber();
        else {
          const got = typeof value === "string" ? `the string ${JSON.stringify(value)}` : String(value);
          throw ValidationError.field(["record", name], `must be a number or a Decimal, got ${got}`);
        }
      }
      const last = recorded.at(-1);
      if (last !== undefined && last.ts === ts) Object.assign(last.values, numbers);
      else recorded.push({ ts, values: numbers });
    },
    data,
    portfolio,
    log,
    orders,
  };
  const runtime: StrategyRuntime = { id, hooks, params, ctx, recorded, orderEvents };
  return runtime;
}

/**
 * `ctx.record`'s one argument, an object of named values. A strategy file runs with its types stripped,
 * and Zipline's `record(name=value)` is easily written `ctx.record("name", value)`: a string used to be
 * read letter by letter (`record.0: must be a number or a Decimal, got the string "K"`).
 */
function recordedValues(args: readonly unknown[]): unknown {
  const [values, value] = args;
  if (typeof values === "string") {
    const example =
      args.length > 1
        ? `ctx.record({ ${JSON.stringify(values)}: ${String(value)} })`
        : `ctx.record({ ${JSON.stringify(values)}: 1 })`;
    throw ValidationError.field(
      "record",
      `takes one object of named values, e.g. ${example}; got the name ${JSON.stringify(values)}${args.length > 1 ? " and the value as a second argument" : ""}`,
    );
  }
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    throw ValidationError.field(
      "record",
      `takes one object of named values, e.g. ctx.record({ spread: 1.5 }); got ${Array.isArray(values) ? "an array" : String(values)}`,
    );
  }
  return values;
}
