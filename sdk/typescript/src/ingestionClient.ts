/** One `POST /v1/usage` of a batch, and what Ingestion's answer means for it: settled, or to be retried. */

import type { Logger } from "./logger.js";

/** Settled (stored or refused: not worth sending again), or a retry after at least `retryAfterMs`. */
export interface Answer {
  settled: boolean;
  delivered: number;
  rejected: number;
  retryAfterMs: number;
}

const userAgent = "tokenoptimizer-typescript/0.1.0";

/** Posts JSON batches with the ingest key, over Node's fetch. */
export class IngestionClient {
  private readonly endpoint: string;
  private readonly headers: Record<string, string>;
  private unreachable = false; // so an outage is logged once, not on every retry

  constructor(ingestionUrl: string, ingestKey: string, private readonly timeoutMs: number, private readonly log: Logger) {
    this.endpoint = ingestionUrl.replace(/\/+$/, "") + "/v1/usage";
    this.headers = { "Content-Type": "application/json", Authorization: "Bearer " + ingestKey, "User-Agent": userAgent };
  }

  /** Sends `count` records encoded as a JSON array in `body`; never throws. */
  async post(body: string, count: number): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, { method: "POST", headers: this.headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      this.unreachableNow(`unreachable: ${error instanceof Error ? error.name : "error"}`);
      return { settled: false, delivered: 0, rejected: 0, retryAfterMs: 0 };
    }
    const answer = await response.text().catch(() => "");
    if (response.ok) {
      this.reachable();
      // 202 says how many records were invalid (kept in Ingestion's quarantine); the rest are stored or duplicates.
      const rejected = Math.min(Math.max(Number(parse(answer)?.rejected ?? 0) || 0, 0), count);
      if (rejected > 0) this.log(`TokenOptimizer ingestion rejected ${rejected} of ${count} records (kept in its quarantine)`);
      return { settled: true, delivered: count - rejected, rejected, retryAfterMs: 0 };
    }
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      this.unreachableNow(`answered ${response.status}`);
      return { settled: false, delivered: 0, rejected: 0, retryAfterMs: retryAfterMs(response.headers.get("Retry-After")) };
    }
    // Any other 4xx (a wrong key, say) would be refused again: not retried.
    this.reachable();
    const problem = parse(answer);
    this.log(`TokenOptimizer ingestion refused ${count} records with ${response.status}: ${String(problem?.title ?? problem?.detail ?? "no reason given")}`);
    return { settled: true, delivered: 0, rejected: count, retryAfterMs: 0 };
  }

  private unreachableNow(reason: string): void {
    if (!this.unreachable) this.log(`TokenOptimizer ingestion ${reason}; records are kept and retried with backoff`);
    this.unreachable = true;
  }

  private reachable(): void {
    if (this.unreachable) this.log("TokenOptimizer ingestion reachable again");
    this.unreachable = false;
  }
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function retryAfterMs(value: string | null): number {
  const seconds = Number(value);
  return value !== null && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}
