// The life of one order, printed as events: created, sent, accepted, filled in two parts.
// Run: pnpm --filter @ordo/core run example   (after pnpm build)
import {
  createInstrument,
  dec,
  OrderCache,
  OrderFactory,
  orderEvent,
  orderEventToJSON,
  VirtualClock,
} from "@ordo/core";

const clock = new VirtualClock(Date.parse("2024-01-02T14:30:00Z"));
const aapl = createInstrument({ id: "AAPL.XNAS", assetClass: "equity", currency: "USD", tickSize: "0.01" });
const factory = new OrderFactory({ clock, validation: { instrument: aapl } });
const cache = new OrderCache();
const log = (event) => {
  const order = cache.apply(event);
  const { type, tsEvent, orderId, instrumentId, strategyId, tsInit, spec, ...fields } =
    orderEventToJSON(event);
  console.log(
    `${tsEvent}  ${type.padEnd(17)} -> ${order.status.padEnd(16)} ${JSON.stringify(spec ?? fields)}`,
  );
};

const { event: created } = factory.create({
  instrumentId: "AAPL.XNAS",
  side: "BUY",
  type: "LIMIT",
  quantity: "100",
  price: "189.50",
});
log(created);
const order = cache.get(created.orderId);
log(orderEvent(order, "OrderSubmitted", clock.now(), {}));
clock.advanceTo(clock.now() + 5);
log(orderEvent(order, "OrderAccepted", clock.now(), { venueOrderId: "V-1" }));
const fill = (tradeId, qty, px) =>
  orderEvent(order, "OrderFilled", clock.now(), {
    tradeId,
    venueOrderId: "V-1",
    side: "BUY",
    price: dec(px),
    quantity: dec(qty),
    commission: dec("0.30"),
    commissionCurrency: "USD",
    liquidity: "MAKER",
  });
clock.advanceTo(clock.now() + 60_000);
log(fill("T-1", "60", "189.50"));
log(fill("T-2", "40", "189.45"));

const done = cache.get(order.id);
console.log(
  `${done.id}: ${done.status}, filled ${done.filledQuantity} @ avg ${done.avgPrice}, commission ${done.commissions.USD} USD`,
);
