// The strategy of ../shared/bench/WORKLOAD.md written against Ordo's strategy API, shared by the
// engine benchmark and the test that checks the workload's reference results to the cent.

/** The workload's instruments: prices on a 0.0001 grid, so a stop at P × 0.95 needs no rounding. */
export function workloadInstrument(id) {
  return { id, assetClass: "equity", currency: "USD", tickSize: "0.0001", lotSize: "1" };
}

/** WORKLOAD.md's strategy: SMA(10)/SMA(30) cross on closes, target 100 shares, optional 5% stop. */
export function smaCross(stops) {
  return class SmaCross {
    onStart() {
      this.state = new Map();
      this.trades = 0;
      this.stopExits = 0;
    }
    #s(id) {
      let s = this.state.get(id);
      if (!s) {
        s = { cents: new Int32Array(30), t: 0, sum10: 0, sum30: 0, prev: 0, pos: 0, stopId: null };
        this.state.set(id, s);
      }
      return s;
    }
    onBar(ctx, bar) {
      const s = this.#s(bar.instrumentId);
      const c = Math.round(bar.close * 100);
      const t = s.t++;
      s.sum10 += c - (t >= 10 ? s.cents[(t - 10) % 30] : 0);
      s.sum30 += c - (t >= 30 ? s.cents[t % 30] : 0);
      s.cents[t % 30] = c;
      if (t < 29) return;
      const diff = 3 * s.sum10 - s.sum30; // sign of SMA10 − SMA30, exact in integer cents
      if (t >= 30) {
        if (s.prev <= 0 && diff > 0) {
          const q = 100 - s.pos;
          if (q !== 0) ctx.order(bar.instrumentId, q);
        } else if (s.prev >= 0 && diff < 0 && s.pos !== 0) {
          if (s.stopId !== null) ctx.cancelOrder(s.stopId);
          s.stopId = null;
          ctx.order(bar.instrumentId, -s.pos);
        }
      }
      s.prev = diff;
    }
    onOrderEvent(ctx, e) {
      if (e.type !== "OrderFilled") return;
      const s = this.#s(e.instrumentId);
      const q = e.quantity.toNumber();
      s.pos += e.side === "BUY" ? q : -q;
      if (e.side === "BUY") {
        this.trades++;
        if (stops) {
          const stop = ctx.orders.placeStop({
            instrumentId: e.instrumentId,
            side: "SELL",
            quantity: e.quantity,
            triggerPrice: e.price.times("0.95"),
          });
          s.stopId = stop.id;
        }
      } else if (e.orderId === s.stopId) {
        this.stopExits++;
        s.stopId = null;
      }
    }
  };
}
