import type { ContingencyType, Order, OrderType, TimeInForce, VenueCapabilities } from "@ordo/core";

/** How the emulator routes one order. */
export interface EmulationPlan {
  /** Why the order cannot be emulated (it is denied), or null. */
  readonly denial: string | null;
  /** The venue lacks the order's type: the emulator watches its trigger and then sends it as `sendType`. */
  readonly localTrigger: boolean;
  /** The type the venue receives. */
  readonly sendType: OrderType;
  /** The time in force the venue receives: GTC when it lacks the order's DAY / GTD. */
  readonly sendTimeInForce: TimeInForce;
  /** The venue lacks the order's DAY / GTD: the emulator cancels it at the venue when it expires. */
  readonly localExpiry: boolean;
  /** The emulator works the order's links (OTO, OCO, OUO); the venue receives it without them. */
  readonly managesLinks: boolean;
}

/** What a trigger order becomes once triggered: MARKET for stop / touch market types, LIMIT for the limit types. */
export function releaseTypeOf(type: OrderType): "MARKET" | "LIMIT" | null {
  switch (type) {
    case "STOP_MARKET":
    case "MARKET_IF_TOUCHED":
    case "TRAILING_STOP_MARKET":
      return "MARKET";
    case "STOP_LIMIT":
    case "LIMIT_IF_TOUCHED":
    case "TRAILING_STOP_LIMIT":
      return "LIMIT";
    default:
      return null;
  }
}

/** Times in force that mean "meet the market at arrival": an order triggered later cannot honour them. */
const ARRIVAL_TIFS: ReadonlySet<TimeInForce> = new Set(["IOC", "FOK", "AT_THE_OPEN", "AT_THE_CLOSE"]);

/**
 * The plan for one order on its own (its links are decided per group, by the emulator): whether its
 * type and time in force need emulating, and whether they can be.
 */
export function orderPlan(
  order: Order,
  capabilities: VenueCapabilities,
  managesLinks: boolean,
): EmulationPlan {
  const deny = (denial: string): EmulationPlan => ({
    denial,
    localTrigger: false,
    sendType: order.type,
    sendTimeInForce: order.timeInForce,
    localExpiry: false,
    managesLinks,
  });
  let localTrigger = false;
  let sendType: OrderType = order.type;
  if (!capabilities.orderTypes.includes(order.type)) {
    const release = releaseTypeOf(order.type);
    if (release === null) {
      return deny(
        `the venue does not support ${order.type} orders and the emulator cannot work them locally`,
      );
    }
    if (!capabilities.orderTypes.includes(release)) {
      return deny(
        `the venue supports neither ${order.type} nor ${release}, the type an emulated ${order.type} is sent as`,
      );
    }
    localTrigger = true;
    sendType = release;
  }
  const tif = order.timeInForce;
  if (localTrigger && ARRIVAL_TIFS.has(tif)) {
    return deny(
      `an emulated ${order.type} cannot be ${tif}: it reaches the venue only when triggered, not on arrival`,
    );
  }
  let sendTimeInForce: TimeInForce = tif;
  let localExpiry = false;
  if (!capabilities.timeInForce.includes(tif)) {
    if (tif !== "DAY" && tif !== "GTD") {
      return deny(`the venue does not support ${tif} orders and the emulator cannot work them locally`);
    }
    if (!capabilities.timeInForce.includes("GTC")) {
      return deny(
        `the venue supports neither ${tif} nor GTC, the time in force an emulated ${tif} is sent as`,
      );
    }
    sendTimeInForce = "GTC";
    localExpiry = true;
  }
  return { denial: null, localTrigger, sendType, sendTimeInForce, localExpiry, managesLinks };
}

/** Whether the emulator has anything to do for the order on its own (type or time in force). */
export function needsLocalWork(plan: EmulationPlan): boolean {
  return plan.denial !== null || plan.localTrigger || plan.localExpiry;
}

/** The contingency relations an order takes part in: its own OTO / OCO / OUO links, and OTO when it has a parent. */
export function contingencyTypesOf(order: Order): ContingencyType[] {
  const c = order.contingency;
  if (c === null) return [];
  const out: ContingencyType[] = [];
  if (c.type !== null && c.linkedIds.length > 0) out.push(c.type);
  if (c.parentId !== null && !out.includes("OTO")) out.push("OTO");
  return out;
}

/** The ids an order is linked to: its linked ids and its parent. */
export function linkedIdsOf(order: Order): string[] {
  const c = order.contingency;
  if (c === null) return [];
  return c.parentId === null ? [...c.linkedIds] : [...c.linkedIds, c.parentId];
}
