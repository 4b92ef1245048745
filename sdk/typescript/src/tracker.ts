/** Records LLM calls: times them, reads their usage, and hands one record per call to the background sender. */

import { UNKNOWN, type CallLabels, type CallRecord } from "./callRecord.js";
import { classify } from "./failures.js";
import { debugLogger, type Logger } from "./logger.js";
import { isProviderStream, observeStream, type StreamEnd } from "./observedStream.js";
import { defaultProviderHosts, type ProviderHosts } from "./providerHosts.js";
import { BatchSender, type SenderOptions, type SenderStats } from "./sender.js";
import { StreamedUsage } from "./streamedUsage.js";
import { count, emptyUsage, readUsage, type Usage } from "./usage.js";
import { wrapClient } from "./wrapClient.js";

export interface TrackerOptions {
  /** The Ingestion service's URL; defaults to TOKENOPTIMIZER_URL. */
  ingestionUrl?: string;
  /** An ingest key; defaults to TOKENOPTIMIZER_INGEST_KEY. */
  ingestKey?: string;
  /** Labels for every call; a call's own labels win. */
  labels?: CallLabels;
  /** Hosts of OpenAI-compatible providers, added to (or replacing entries of) the built-in table. */
  providerHosts?: ProviderHosts;
  sender?: SenderOptions;
  /** How long the process's natural end waits to deliver what is buffered; default 5 s. */
  exitTimeoutMs?: number;
  /** Where warnings go; by default Node's debuglog (NODE_DEBUG=tokenoptimizer). */
  logger?: Logger;
}

/** Token counts of a call reported by hand, in the contract's meaning (`input` is the whole prompt). */
export interface TokenCounts {
  input?: number;
  output?: number;
  cachedInput?: number;
  cacheWrite?: number;
  cacheWriteOneHour?: number;
  reasoning?: number;
}

/** A call about to be made: when it started, and its labels. */
interface Started {
  occurredAt: number;
  started: number;
  labels: CallLabels;
}

/** Records every tracked call to TokenOptimizer without slowing it down or ever failing it. */
export class Tracker {
  readonly providerHosts: ProviderHosts;
  private readonly sender: BatchSender;
  private readonly defaults: CallLabels;
  private readonly exitTimeoutMs: number;
  private readonly log: Logger;
  private exiting = false;
  private readonly onBeforeExit = () => this.flushAtExit();

  constructor(options: TrackerOptions = {}) {
    const url = options.ingestionUrl ?? process.env.TOKENOPTIMIZER_URL;
    const key = options.ingestKey ?? process.env.TOKENOPTIMIZER_INGEST_KEY;
    // Thrown at start-up, where a misconfiguration belongs; nothing after the constructor throws.
    if (!url) throw new Error("TokenOptimizer needs the Ingestion service's URL: pass ingestionUrl or set TOKENOPTIMIZER_URL.");
    if (!key) throw new Error("TokenOptimizer needs an ingest key: pass ingestKey or set TOKENOPTIMIZER_INGEST_KEY.");
    this.log = options.logger ?? debugLogger;
    this.defaults = definedOnly(options.labels ?? {});
    this.providerHosts = { ...defaultProviderHosts, ...options.providerHosts };
    this.exitTimeoutMs = options.exitTimeoutMs ?? 5000;
    this.sender = new BatchSender(url, key, options.sender ?? {}, this.log);
    process.on("beforeExit", this.onBeforeExit);
  }

  /**
   * Runs `call()`, records it, and returns its response unchanged (or rethrows its error unchanged). A streamed response
   * comes back as the same kind of stream, recorded when it ends.
   */
  async trackedCompletion<T>(call: () => T | PromiseLike<T>, labels?: CallLabels): Promise<T> {
    const start = this.start(labels);
    let response: T;
    try {
      response = await call();
    } catch (error) {
      this.recordFailure(start, error);
      throw error;
    }
    return this.recordResponse(start, response, false);
  }

  /** Records a response you already have (its usage and model), with the latency you measured if any. */
  track(response: unknown, labels?: CallLabels & { latencyMs?: number }): void {
    try {
      const usage = readUsage(response) ?? emptyUsage(labels?.provider ?? this.defaults.provider ?? UNKNOWN);
      const latencyMs = Math.max(count(labels?.latencyMs), 0);
      this.add({ labels: this.labels(labels), usage, occurredAt: Date.now() - latencyMs, latencyMs, streaming: false });
    } catch (error) {
      this.cannotRecord(error);
    }
  }

  /** Records a call by hand: its model, token counts (a number is the whole prompt) and, if known, its cost in USD. */
  trackEvent(model: string, tokens: number | TokenCounts, costUsd?: number, labels?: CallLabels): void {
    try {
      const counts: TokenCounts = typeof tokens === "number" ? { input: tokens } : tokens;
      // The model is the one named, not one a response reported: no responseModel is sent.
      const usage: Usage = {
        provider: labels?.provider ?? this.defaults.provider ?? UNKNOWN,
        inputTokens: count(counts.input),
        outputTokens: count(counts.output),
        cachedInputTokens: count(counts.cachedInput),
        cacheWriteTokens: count(counts.cacheWrite),
        cacheWriteOneHourTokens: count(counts.cacheWriteOneHour),
        reasoningTokens: count(counts.reasoning),
      };
      const reportedCostUsd = typeof costUsd === "number" && Number.isFinite(costUsd) && costUsd >= 0 ? costUsd : undefined;
      this.add({ labels: this.labels({ model, ...labels }), usage, occurredAt: Date.now(), latencyMs: 0, streaming: false, reportedCostUsd });
    } catch (error) {
      this.cannotRecord(error);
    }
  }

  /**
   * The client (from `openai` or `@anthropic-ai/sdk`) with every `chat.completions.create`, `responses.create` and
   * `messages.create` recorded, plain or streamed; calls are booked to the provider its base URL's host names.
   */
  wrap<C extends object>(client: C, labels?: CallLabels): C {
    return wrapClient(this, client, labels);
  }

  stats(): SenderStats {
    return this.sender.stats();
  }

  /** Sends what is buffered and resolves once it is settled: true, or false if `timeoutMs` passed first. */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.sender.flush(timeoutMs);
  }

  /** Delivers what is buffered (for up to `timeoutMs`) and stops; later records are dropped. */
  close(timeoutMs?: number): Promise<boolean> {
    process.off("beforeExit", this.onBeforeExit);
    return this.sender.close(timeoutMs);
  }

  /** @internal The clock and labels of a call about to start. */
  start(labels?: CallLabels): Started {
    return { occurredAt: Date.now(), started: performance.now(), labels: this.labels(labels) };
  }

  /** @internal Records a response (observing it first, if it is a stream) and returns what the caller gets. */
  recordResponse<T>(start: Started, response: T, hideUsageChunk: boolean): T {
    try {
      if (isProviderStream(response)) {
        const usage = new StreamedUsage(start.labels.provider ?? UNKNOWN);
        return observeStream(response, usage, hideUsageChunk, (end) => this.recordStreamEnd(start, end)) as T;
      }
      const latencyMs = performance.now() - start.started;
      const usage = readUsage(response) ?? emptyUsage(start.labels.provider ?? UNKNOWN);
      this.add({ labels: start.labels, usage, occurredAt: start.occurredAt, latencyMs, streaming: false });
    } catch (error) {
      this.cannotRecord(error);
    }
    return response;
  }

  /** @internal */
  recordFailure(start: Started, error: unknown): void {
    try {
      const latencyMs = performance.now() - start.started;
      const usage = emptyUsage(start.labels.provider ?? UNKNOWN);
      this.add({ labels: start.labels, usage, occurredAt: start.occurredAt, latencyMs, streaming: false, failure: classify(error) });
    } catch (recordingError) {
      this.cannotRecord(recordingError);
    }
  }

  private recordStreamEnd(start: Started, end: StreamEnd): void {
    try {
      const firstOutputAt = end.usage.firstOutputAt;
      this.add({
        labels: start.labels,
        usage: end.usage.usage,
        occurredAt: start.occurredAt,
        latencyMs: end.endedAt - start.started,
        timeToFirstTokenMs: firstOutputAt === undefined ? undefined : firstOutputAt - start.started,
        streaming: true,
        failure: end.error === undefined ? undefined : classify(end.error),
      });
    } catch (error) {
      this.cannotRecord(error);
    }
  }

  private add(record: CallRecord): void {
    this.sender.add(record);
  }

  private labels(overrides?: CallLabels): CallLabels {
    return overrides ? { ...this.defaults, ...definedOnly(overrides) } : this.defaults;
  }

  private cannotRecord(error: unknown): void {
    this.log(`TokenOptimizer could not record a call: ${error instanceof Error ? error.name : typeof error}`);
  }

  // The event loop is empty: deliver what is buffered before the process ends. The flush's deadline timer keeps the
  // process alive until the records are settled or the time is up; what is left then is counted as dropped.
  private flushAtExit(): void {
    if (this.exiting || this.sender.stats().pending === 0) return;
    this.exiting = true;
    void this.sender.flush(this.exitTimeoutMs).then(async (settled) => {
      if (!settled) await this.sender.close(0);
      this.exiting = false;
    });
  }
}

function definedOnly(labels: CallLabels): CallLabels {
  const defined: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(labels)) {
    if (value !== undefined && value !== null) defined[name] = value;
  }
  return defined as CallLabels;
}
