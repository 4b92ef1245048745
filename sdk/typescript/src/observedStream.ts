/**
 * A provider's stream handed back to the caller unchanged in kind: the same SDK `Stream` class (so `controller`, `tee()`
 * and `toReadableStream()` still work), built with its public constructor over an iterator that reads each event's
 * usage on the way through and reports once when the stream ends, fails or is left early.
 */

import { StreamedUsage } from "./streamedUsage.js";
import { field } from "./usage.js";

export interface StreamEnd {
  usage: StreamedUsage;
  endedAt: number;
  error?: unknown;
}

type StreamClass = new (iterator: () => AsyncIterator<unknown>, controller: AbortController) => AsyncIterable<unknown>;

/** Whether `value` looks like a provider SDK's stream: async-iterable with an abort controller. */
export function isProviderStream(value: unknown): value is AsyncIterable<unknown> & { controller: AbortController } {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value && field(value, "controller") instanceof AbortController;
}

/**
 * The stream, observed. `hideUsageChunk`: drop OpenAI's usage-only last chunk (no choices) before the caller sees it,
 * when the tracker asked for it and the caller did not.
 */
export function observeStream<S extends AsyncIterable<unknown> & { controller: AbortController }>(
  stream: S, usage: StreamedUsage, hideUsageChunk: boolean, onEnd: (end: StreamEnd) => void): S {
  const iterate = () => observe(stream[Symbol.asyncIterator](), usage, hideUsageChunk, onEnd);
  const Class = stream.constructor as StreamClass;
  return new Class(iterate, stream.controller) as S;
}

async function* observe(source: AsyncIterator<unknown>, usage: StreamedUsage, hideUsageChunk: boolean, onEnd: (end: StreamEnd) => void): AsyncGenerator<unknown> {
  let error: unknown;
  try {
    for await (const event of { [Symbol.asyncIterator]: () => source }) {
      try {
        usage.observe(event, performance.now());
      } catch {
        // An event we cannot read costs its counts, never the caller's stream.
      }
      if (hideUsageChunk && isUsageOnlyChunk(event)) continue;
      yield event;
    }
  } catch (thrown) {
    error = thrown;
    throw thrown;
  } finally {
    onEnd({ usage, endedAt: performance.now(), error });
  }
}

function isUsageOnlyChunk(event: unknown): boolean {
  const choices = field(event, "choices");
  return Array.isArray(choices) && choices.length === 0 && Boolean(field(event, "usage"));
}
