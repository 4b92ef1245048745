/**
 * Sends usage records to Ingestion's `POST /v1/usage` in batches, off the caller's path.
 *
 * Guarantees: adding a record never waits on the network and never throws; memory is bounded (records buffered and
 * in flight together; beyond the bound the *new* record is dropped and counted); a batch that fails on the network, with a 5xx, 408 or 429 is retried with exponential
 * backoff and jitter until it is delivered or the sender is closed; a batch refused with another 4xx is not retried (it
 * would be refused again) and is counted. Timers are unref'd: an idle or retrying sender never keeps the process alive;
 * the tracker flushes at exit instead.
 */

import { wire, type CallRecord } from "./callRecord.js";
import { IngestionClient } from "./ingestionClient.js";
import type { Logger } from "./logger.js";

/** Ingestion's limit per request (UsageLimits.MaxBatchSize). */
export const maxBatchSize = 1000;

/** What became of the records so far. */
export interface SenderStats {
  /** Stored by Ingestion, or already stored (a duplicate request id). */
  delivered: number;
  /** Refused by Ingestion: an invalid record (kept in its quarantine), or a whole batch refused with a 4xx such as a wrong key. */
  rejected: number;
  /** Never sent: the buffer was full when the record was added, or it was still unsent when close() ran out of time. */
  dropped: number;
  /** Added and not yet settled (buffered or being sent). */
  pending: number;
}

/** Tuning; the defaults suit a production application. */
export interface SenderOptions {
  maxBuffered?: number;
  batchSize?: number;
  lingerMs?: number;
  requestTimeoutMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export class BatchSender {
  private readonly buffer: CallRecord[] = [];
  private readonly client: IngestionClient;
  private readonly maxBuffered: number;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private inFlight = 0;
  private delivered = 0;
  private rejected = 0;
  private dropped = 0;
  private sending = false;
  private closing = false;
  private abandoned = false;
  private linger: NodeJS.Timeout | undefined;
  private wakeFromBackoff: (() => void) | undefined;
  private settledWaiters: Array<() => void> = [];

  constructor(ingestionUrl: string, ingestKey: string, options: SenderOptions, log: Logger) {
    this.maxBuffered = Math.max(1, options.maxBuffered ?? 10_000);
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? 500, maxBatchSize));
    this.lingerMs = options.lingerMs ?? 1000;
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.client = new IngestionClient(ingestionUrl, ingestKey, options.requestTimeoutMs ?? 10_000, log);
  }

  /** Buffers one record; when the buffer is full (or the sender closed) the record is dropped and counted instead. */
  add(record: CallRecord): void {
    if (this.closing || this.buffer.length + this.inFlight >= this.maxBuffered) {
      this.dropped++;
      return;
    }
    this.buffer.push(record);
    if (this.buffer.length >= this.batchSize) {
      this.sendNow();
    } else if (this.linger === undefined && !this.sending) {
      this.linger = setTimeout(() => this.sendNow(), this.lingerMs).unref();
    }
  }

  stats(): SenderStats {
    return { delivered: this.delivered, rejected: this.rejected, dropped: this.dropped, pending: this.buffer.length + this.inFlight };
  }

  /** Sends what is buffered now and resolves once it is settled: true, or false if `timeoutMs` passed first. */
  flush(timeoutMs?: number): Promise<boolean> {
    this.sendNow();
    return this.settled(timeoutMs);
  }

  /** Stops taking records and delivers the buffered ones for up to `timeoutMs`; what is still unsent then is dropped. */
  async close(timeoutMs?: number): Promise<boolean> {
    this.closing = true;
    const settled = await this.flush(timeoutMs);
    if (!settled) {
      // Counted here, not when the batch on its way comes back: the caller reads the stats right after.
      this.abandoned = true;
      this.dropped += this.buffer.length + this.inFlight;
      this.buffer.length = 0;
      this.inFlight = 0;
      this.wakeFromBackoff?.();
    }
    return settled;
  }

  private sendNow(): void {
    clearTimeout(this.linger);
    this.linger = undefined;
    if (!this.sending && this.buffer.length > 0) {
      this.sending = true;
      void this.sendAll();
    }
  }

  private async sendAll(): Promise<void> {
    try {
      while (this.buffer.length > 0 && !this.abandoned) {
        await this.deliver(this.buffer.splice(0, this.batchSize));
      }
    } catch {
      // Nothing above throws by design; should it, the records stay counted rather than the process failing.
    } finally {
      this.sending = false;
      this.notifySettled();
    }
  }

  private async deliver(batch: CallRecord[]): Promise<void> {
    this.inFlight = batch.length;
    // Built once: a retried batch keeps its request ids, so Ingestion stores each record once.
    const body = JSON.stringify(batch.map(wire));
    let backoffMs = this.initialBackoffMs;
    try {
      for (;;) {
        const answer = await this.client.post(body, batch.length);
        if (this.abandoned) return; // close() gave up on the batch and counted it as dropped
        if (answer.settled) {
          this.delivered += answer.delivered;
          this.rejected += answer.rejected;
          return;
        }
        // Full jitter, so many producers coming back after an outage do not retry in step.
        await this.sleep(Math.max(answer.retryAfterMs, Math.random() * backoffMs));
        backoffMs = Math.min(backoffMs * 2, this.maxBackoffMs);
        if (this.abandoned) return;
      }
    } finally {
      this.inFlight = 0;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(wake, ms).unref();
      const self = this;
      function wake(): void {
        clearTimeout(timer);
        self.wakeFromBackoff = undefined;
        resolve();
      }
      this.wakeFromBackoff = wake;
    });
  }

  private settled(timeoutMs?: number): Promise<boolean> {
    if (this.isSettled()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const deadline = timeoutMs === undefined ? undefined : setTimeout(() => resolve(false), timeoutMs);
      this.settledWaiters.push(() => {
        clearTimeout(deadline);
        resolve(true);
      });
    });
  }

  private isSettled(): boolean {
    return this.buffer.length === 0 && this.inFlight === 0 && !this.sending;
  }

  private notifySettled(): void {
    if (!this.isSettled()) {
      this.sendNow(); // records added while the last batch was on its way
      return;
    }
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
