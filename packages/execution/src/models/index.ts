export { AlwaysFillOnTouch } from "./always-fill-on-touch.js";
export {
  type CommissionConfig,
  type CommissionConfigInput,
  CommissionConfigSchema,
  createCommissionModel,
} from "./commission-config.js";
export {
  FixedBasisPointsSlippage,
  type FixedBasisPointsSlippageOptions,
} from "./fixed-basis-points-slippage.js";
export { FixedLatency, type FixedLatencyOptions } from "./fixed-latency.js";
export { FixedSpreadSlippage, type FixedSpreadSlippageOptions } from "./fixed-spread-slippage.js";
export { InstrumentFeeCommission } from "./instrument-fee-commission.js";
export {
  createLatencyModel,
  type LatencyConfig,
  type LatencyConfigInput,
  LatencyConfigSchema,
  SeedSchema,
} from "./latency-config.js";
export {
  MakerTakerCommission,
  type MakerTakerCommissionOptions,
  type MakerTakerTier,
  type MakerTakerTierOptions,
} from "./maker-taker-commission.js";
export { NoCommission } from "./no-commission.js";
export { NoSlippage } from "./no-slippage.js";
export { PerContractCommission, type PerContractCommissionOptions } from "./per-contract-commission.js";
export { PerDollarCommission, type PerDollarCommissionOptions } from "./per-dollar-commission.js";
export { PerShareCommission, type PerShareCommissionOptions } from "./per-share-commission.js";
export { PerTradeCommission, type PerTradeCommissionOptions } from "./per-trade-commission.js";
export { SeededRandom } from "./prng.js";
export { ProbabilisticTouchFill, type ProbabilisticTouchFillOptions } from "./probabilistic-touch-fill.js";
export { RandomLatency, type RandomLatencyOptions } from "./random-latency.js";
export { RealisticSlippage, type RealisticSlippageOptions } from "./realistic-slippage.js";
export {
  createSlippageModel,
  type SlippageConfig,
  type SlippageConfigInput,
  SlippageConfigSchema,
  VolumeLimitSchema,
} from "./slippage-config.js";
export { SpreadSlippage, type SpreadSlippageOptions } from "./spread-slippage.js";
export {
  SquareRootImpactSlippage,
  type SquareRootImpactSlippageOptions,
} from "./square-root-impact-slippage.js";
export {
  createTouchFillModel,
  type TouchFillConfig,
  type TouchFillConfigInput,
  TouchFillConfigSchema,
} from "./touch-fill-config.js";
export type {
  CommissionContext,
  CommissionModel,
  LatencyModel,
  SlippageContext,
  SlippageModel,
  TouchFillModel,
} from "./types.js";
export {
  DEFAULT_ORDER_SIZE_IMPACT_COEFFICIENT,
  DEFAULT_ORDER_SIZE_VOLATILITY,
  type OrderSizeCheck,
  type OrderSizeInput,
  OrderSizeInputSchema,
  validateOrderSize,
} from "./validate-order-size.js";
export { VolumeShareSlippage, type VolumeShareSlippageOptions } from "./volume-share-slippage.js";
