import {
  buildBracket,
  buildOco,
  type Decimal,
  ORDER_SIDES,
  OrderIdSchema,
  type OrderRequest,
  OrderRequestSchema,
  PositiveDecimalSchema,
  TimestampSchema,
  ValidationError,
} from "@ordo/core";
import { z } from "zod";
import { issueReason } from "./problems.js";

/**
 * An order request as a scenario states it: the fields of @ordo/core's order request, where
 * `instrumentId` may be left out (a scenario has one instrument; the runner fills it in).
 */
export type ScenarioOrderRequest = Omit<OrderRequest, "instrumentId"> & { readonly instrumentId?: string };

const ORDER_FIELDS: readonly string[] = Object.keys(OrderRequestSchema.shape);
// Structural checks need an instrument id; the scenario's own is checked against it later.
const ANY_INSTRUMENT = "SCENARIO.INSTRUMENT";

type Ctx = z.core.$RefinementCtx;
type Path = readonly (string | number)[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function addIssue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: "custom", path: [...path], message });
}

/**
 * Validates one order's fields with core's OrderRequestSchema (structure and field combinations; the
 * instrument's tick and lot rules are checked when the scenario runs, and break an order as OrderDenied).
 * Reports each problem at `path` + the field, renamed by `rename` (bracket legs); returns null on failure.
 */
function orderRequestAt(
  value: unknown,
  ctx: Ctx,
  path: Path,
  rename: (field: string) => Path = (field) => [field],
): ScenarioOrderRequest | null {
  if (!isRecord(value)) {
    addIssue(ctx, path, "must be an object with the order's fields (side, type, quantity, ...)");
    return null;
  }
  let ok = true;
  for (const key of Object.keys(value)) {
    if (!ORDER_FIELDS.includes(key)) {
      addIssue(ctx, [...path, key], `is not an order field (expected one of ${ORDER_FIELDS.join(", ")})`);
      ok = false;
    }
  }
  const given = value.instrumentId;
  const parsed = OrderRequestSchema.safeParse(
    { ...value, instrumentId: given ?? ANY_INSTRUMENT },
    { reportInput: true },
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, ...rest] = issue.path as (string | number)[];
      const where = field === undefined ? [...path] : [...path, ...rename(String(field)), ...rest];
      addIssue(ctx, where, issueReason(issue));
    }
    return null;
  }
  if (!ok) return null;
  const { instrumentId: _placeholder, ...request } = parsed.data;
  return typeof given === "string" ? { ...request, instrumentId: given } : request;
}

/** `submit`: one order. */
export const ScenarioSubmitSchema = z.unknown().transform((value, ctx) => {
  const request = orderRequestAt(value, ctx, []);
  return request ?? z.NEVER;
});

const optionalPrice = PositiveDecimalSchema.optional();

/**
 * `submitBracket`: an entry with a stop-loss and a take-profit, built by core's `buildBracket` (entry
 * OTO; exits OUO with each other, reduce-only, live from the entry's fill). Order ids are `<id>-entry`,
 * `<id>-sl` and `<id>-tp` unless `ids` names them.
 */
export const ScenarioBracketSchema = z
  .strictObject({
    id: OrderIdSchema,
    side: z.enum(ORDER_SIDES),
    quantity: PositiveDecimalSchema,
    entry: z
      .strictObject({
        type: z.enum(["MARKET", "LIMIT", "STOP_MARKET", "STOP_LIMIT"]).default("MARKET"),
        price: optionalPrice,
        triggerPrice: optionalPrice,
      })
      .default({ type: "MARKET" }),
    stopLoss: z.strictObject({ triggerPrice: optionalPrice, offset: optionalPrice, price: optionalPrice }),
    takeProfit: z.strictObject({
      price: optionalPrice,
      offset: optionalPrice,
      type: z.enum(["LIMIT", "MARKET_IF_TOUCHED"]).default("LIMIT"),
    }),
    referencePrice: optionalPrice,
    timeInForce: z.enum(["GTC", "DAY", "GTD"]).default("GTC"),
    expireAt: TimestampSchema.optional(),
    ids: z
      .strictObject({
        entry: OrderIdSchema.optional(),
        stopLoss: OrderIdSchema.optional(),
        takeProfit: OrderIdSchema.optional(),
      })
      .optional(),
    strategyId: z.string().min(1).optional(),
    tags: z.array(z.string()).optional(),
  })
  .transform((b, ctx) => {
    const optional = <K extends string>(key: K, d: Decimal | undefined) =>
      d === undefined ? {} : ({ [key]: d.toFixed() } as Record<K, string>);
    let built: ReturnType<typeof buildBracket>;
    try {
      built = buildBracket(
        {
          instrumentId: ANY_INSTRUMENT,
          side: b.side,
          quantity: b.quantity,
          entry: {
            type: b.entry.type,
            ...optional("price", b.entry.price),
            ...optional("triggerPrice", b.entry.triggerPrice),
          },
          stopLoss: {
            ...optional("triggerPrice", b.stopLoss.triggerPrice),
            ...optional("offset", b.stopLoss.offset),
            ...optional("price", b.stopLoss.price),
          },
          takeProfit: {
            type: b.takeProfit.type,
            ...optional("price", b.takeProfit.price),
            ...optional("offset", b.takeProfit.offset),
          },
          ...optional("referencePrice", b.referencePrice),
          timeInForce: b.timeInForce,
          ...(b.expireAt !== undefined && { expireAt: b.expireAt }),
          ...(b.strategyId !== undefined && { strategyId: b.strategyId }),
          ...(b.tags !== undefined && { tags: b.tags }),
          ids: {
            entry: b.ids?.entry ?? `${b.id}-entry`,
            stopLoss: b.ids?.stopLoss ?? `${b.id}-sl`,
            takeProfit: b.ids?.takeProfit ?? `${b.id}-tp`,
          },
        },
        () => {
          throw new Error("every bracket leg has an id");
        },
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // buildBracket names fields "stopLoss.offset"; a JSON path wants ["stopLoss", "offset"].
      for (const issue of error.issues) {
        addIssue(
          ctx,
          issue.path.flatMap((p): (string | number)[] => (typeof p === "string" ? p.split(".") : [p])),
          issue.message,
        );
      }
      return z.NEVER;
    }
    // Leg fields map back to where the user wrote them: the entry's, stop-loss's and take-profit's prices.
    const leg = (name: string) => (field: string) =>
      field === "price" || field === "triggerPrice" || field === "type" ? [name, field] : [field];
    const tpField = (field: string) =>
      field === "price" || field === "triggerPrice" ? ["takeProfit", "price"] : leg("takeProfit")(field);
    // The legs carry no instrument id of their own: the scenario's applies.
    const withoutInstrument = ({ instrumentId: _, ...rest }: Record<string, unknown>) => rest;
    const entry = orderRequestAt(withoutInstrument(built.entry), ctx, [], leg("entry"));
    const stopLoss = orderRequestAt(withoutInstrument(built.stopLoss), ctx, [], leg("stopLoss"));
    const takeProfit = orderRequestAt(withoutInstrument(built.takeProfit), ctx, [], tpField);
    if (!entry || !stopLoss || !takeProfit) return z.NEVER;
    return { id: b.id, entry, stopLoss, takeProfit };
  });
export type ScenarioBracket = z.output<typeof ScenarioBracketSchema>;

/** `submitOco`: two or more orders linked one-cancels-other by core's `buildOco`. Each needs an id. */
export const ScenarioOcoSchema = z
  .strictObject({ orders: z.array(z.unknown()).min(2, "an OCO group needs at least two orders") })
  .transform((group, ctx) => {
    let ok = true;
    group.orders.forEach((order, i) => {
      if (!isRecord(order)) {
        ok = false;
        return;
      }
      if (order.id === undefined) {
        addIssue(ctx, ["orders", i, "id"], "is required: OCO orders are linked by id");
        ok = false;
      }
      if (order.contingency !== undefined) {
        addIssue(ctx, ["orders", i, "contingency"], "is set by submitOco (OCO with the other orders)");
        ok = false;
      }
    });
    const linked: readonly unknown[] = ok
      ? buildOco(group.orders.filter(isRecord), () => {
          throw new Error("every OCO order has an id");
        })
      : group.orders;
    const orders = linked.map((order, i) => orderRequestAt(order, ctx, ["orders", i]));
    if (!ok || orders.some((o) => o === null)) return z.NEVER;
    return { orders: orders as ScenarioOrderRequest[] };
  });
export type ScenarioOco = z.output<typeof ScenarioOcoSchema>;

/** `modify`: new price, trigger price and/or quantity for a working order. */
export const ScenarioModifySchema = z
  .strictObject({
    id: OrderIdSchema,
    quantity: PositiveDecimalSchema.optional(),
    price: PositiveDecimalSchema.optional(),
    triggerPrice: PositiveDecimalSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.quantity === undefined && m.price === undefined && m.triggerPrice === undefined) {
      addIssue(ctx, [], "needs at least one of quantity, price, triggerPrice");
    }
  });
export type ScenarioModify = z.output<typeof ScenarioModifySchema>;

/** `cancel`: cancel a working order. */
export const ScenarioCancelSchema = z.strictObject({ id: OrderIdSchema });
export type ScenarioCancel = z.output<typeof ScenarioCancelSchema>;
