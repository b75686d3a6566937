import type { Decimal, OrderSide, PortfolioView } from "@ordo/core";

/**
 * Core's `PortfolioView`, with what the risk engine also reads when the view offers it. `@ordo/portfolio`'s
 * `Portfolio` and the trading node's view do; a hand-written view without it is judged as before.
 */
export interface RiskPortfolioView extends PortfolioView {
  /**
   * The price a market order on `side` would trade at now: the latest quote's ask for a buy, its bid for
   * a sell. Null when the view does not know one (bar or trade data, no quote yet, or that side at 0, a
   * file's "no bid"): the order is then valued at `lastPrice`. Without it, a market order on quote data
   * is valued at the mid, half a spread under what a buy pays, so one sized to all the cash passes the
   * buying-power check and is refused at the fill.
   */
  marketPrice?(instrumentId: string, side: OrderSide): Decimal | null;
}
