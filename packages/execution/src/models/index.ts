export type {
  CommissionContext,
  CommissionModel,
  LatencyModel,
  SlippageContext,
  SlippageModel,
  TouchFillModel,
} from "./types.js";
