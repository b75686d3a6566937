/** Scenario files (format 1): the schema, the parser with JSON-path problems, and the runner. */
export type { ScenarioBar, ScenarioQuote, ScenarioTrade } from "./market-data-schema.js";
export { ScenarioBarSchema, ScenarioQuoteSchema, ScenarioTradeSchema } from "./market-data-schema.js";
export type {
  ScenarioBracket,
  ScenarioCancel,
  ScenarioModify,
  ScenarioOco,
  ScenarioOrderRequest,
} from "./order-schema.js";
export {
  ScenarioBracketSchema,
  ScenarioCancelSchema,
  ScenarioModifySchema,
  ScenarioOcoSchema,
  ScenarioSubmitSchema,
} from "./order-schema.js";
export type {
  ScenarioAccountJson,
  ScenarioEventJson,
  ScenarioOrderJson,
  ScenarioOutput,
  ScenarioPositionJson,
} from "./output.js";
export { eventToJson, formatScenarioOutput, orderToJson } from "./output.js";
export { parseScenario, type ScenarioParseResult } from "./parse.js";
export { issueReason, problemsFromZodIssues, type ScenarioProblem } from "./problems.js";
export { runScenario } from "./run.js";
export type {
  Scenario,
  ScenarioAccount,
  ScenarioFileInput,
  ScenarioInput,
  ScenarioInputKind,
  ScenarioVenue,
} from "./schema.js";
export {
  SCENARIO_FORMAT,
  SCENARIO_INPUT_KINDS,
  ScenarioAccountSchema,
  ScenarioInputSchema,
  ScenarioSchema,
  ScenarioSessionSchema,
  ScenarioTimeSchema,
  ScenarioVenueSchema,
} from "./schema.js";
export { createScenarioVenue, type ScenarioVenueInput } from "./venue-config.js";
