/**
 * TokenOptimizer's TypeScript SDK: report each LLM call's usage, latency and outcome, in the background.
 *
 *     const tracker = new Tracker({ ingestionUrl: "http://127.0.0.1:5000", ingestKey: "tok_...", labels: { environment: "production" } });
 *     const openai = tracker.wrap(new OpenAI());
 */

export { Tracker, type TrackerOptions, type TokenCounts } from "./tracker.js";
export type { CallLabels } from "./callRecord.js";
export { classify, type Failure } from "./failures.js";
export { defaultProviderHosts, providerOfBaseUrl, type ProviderHosts } from "./providerHosts.js";
export type { SenderOptions, SenderStats } from "./sender.js";
export { readUsage, type Usage } from "./usage.js";
export type { Logger } from "./logger.js";
