/**
 * One tracked call as the caller's path leaves it, and its wire form, built later when the batch is sent: the caller
 * pays only for capturing a few values; the request id, the timestamp's text and the JSON are made off its path.
 */

import { randomUUID } from "node:crypto";
import type { Failure } from "./failures.js";
import type { Usage } from "./usage.js";

export const UNKNOWN = "unknown";

/** Who and what a call was for. */
export interface CallLabels {
  /** The endpoint or product feature the call served; `default` when absent. */
  feature?: string;
  team?: string;
  environment?: string;
  /** An opaque id of the end user; never an e-mail address or a name. */
  userId?: string;
  /** Who served the call, when neither the response nor the client's host says it. */
  provider?: string;
  /** The model asked for (e.g. an Azure deployment name); the response's own model is sent as `responseModel`. */
  model?: string;
  /** The idempotency key; a UUID by default. */
  requestId?: string;
  tags?: Readonly<Record<string, string>>;
}

/** A call's labels, usage, start, latency, stream timings and, if it failed, how. */
export interface CallRecord {
  labels: CallLabels;
  usage: Usage;
  /** Unix milliseconds. */
  occurredAt: number;
  latencyMs: number;
  streaming: boolean;
  timeToFirstTokenMs?: number;
  failure?: Failure;
  reportedCostUsd?: number;
}

// Ingestion refuses amounts with more decimal places than this (UsageLimits.MaxAmountDecimalPlaces).
const amountDecimalPlaces = 10;

/** The record under Ingestion's wire names (libs/Contracts/UsageRecorded.cs, camelCase); absent fields are left out. */
export function wire(record: CallRecord): Record<string, unknown> {
  const { labels, usage, failure } = record;
  return {
    requestId: labels.requestId ?? randomUUID(),
    occurredAt: new Date(record.occurredAt).toISOString(),
    // A named provider wins: an OpenAI-shaped answer may come from Azure or another compatible host.
    provider: labels.provider ?? usage.provider,
    model: labels.model ?? usage.model ?? UNKNOWN,
    // What the provider says served the call: pricing prefers it when the catalog knows it.
    responseModel: usage.model,
    feature: labels.feature,
    team: labels.team,
    environment: labels.environment,
    userId: labels.userId,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    cacheWriteOneHourTokens: usage.cacheWriteOneHourTokens,
    reasoningTokens: usage.reasoningTokens,
    latencyMs: Math.round(record.latencyMs * 1000) / 1000,
    timeToFirstTokenMs: record.timeToFirstTokenMs === undefined ? undefined : Math.round(record.timeToFirstTokenMs * 1000) / 1000,
    streaming: record.streaming,
    outcome: failure ? "failed" : "succeeded",
    errorType: failure?.errorType,
    errorCode: failure?.errorCode,
    reportedCostUsd: record.reportedCostUsd === undefined ? undefined : Number(record.reportedCostUsd.toFixed(amountDecimalPlaces)),
    tags: labels.tags && Object.keys(labels.tags).length > 0 ? labels.tags : undefined,
  };
}
