/**
 * What the TypeScript SDK adds to each LLM call: the real `openai` client against the local stub provider, bare and
 * wrapped by `tracker.wrap`, in alternating pairs (so drift in the machine's load hits both alike), plain and streamed;
 * and `trackedCompletion` around a call that returns at once, against the same call bare, which isolates the SDK's own
 * cost from the HTTP round trip. Ingestion is unreachable throughout, so the sender is retrying (its busiest state).
 * Writes bench/results/ts-sdk-overhead.json.
 *
 *     cd sdk/typescript && npm run bench [-- CALLS]
 */

import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { Tracker } from "../../sdk/typescript/src/index.js";
import { startStubProvider } from "../../sdk/typescript/test/support/stubProvider.js";
import { unusedUrl } from "../../sdk/typescript/test/support/unusedUrl.js";

const calls = Number(process.argv[2] ?? 5000);
const microCalls = 50_000;
const hi = [{ role: "user" as const, content: "hi" }];
const response = { model: "gpt-4o", usage: { prompt_tokens: 1200, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 1024 } } };

async function microseconds(call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1000;
}

/** Times `bare` and `tracked` in alternating pairs, the first of each pair swapping every round. */
async function pairs(count: number, bare: () => Promise<unknown>, tracked: () => Promise<unknown>): Promise<{ bare: number[]; tracked: number[] }> {
  const samples = { bare: [] as number[], tracked: [] as number[] };
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      samples.bare.push(await microseconds(bare));
      samples.tracked.push(await microseconds(tracked));
    } else {
      samples.tracked.push(await microseconds(tracked));
      samples.bare.push(await microseconds(bare));
    }
  }
  return samples;
}

function percentile(samples: number[], fraction: number): number {
  const ordered = [...samples].sort((a, b) => a - b);
  return ordered[Math.min(ordered.length - 1, Math.floor(fraction * ordered.length))]!;
}

const mean = (samples: number[]) => samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
// The median of each pair's difference: a burst of load on the machine lands on both calls of a pair, so it cancels.
const pairedMedian = (samples: { bare: number[]; tracked: number[] }) => percentile(samples.tracked.map((tracked, i) => tracked - samples.bare[i]!), 0.5);
const round = (value: number) => Math.round(value * 100) / 100;

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream);
}

const loadBefore = loadavg()[0]!;
const provider = await startStubProvider(0);
const tracker = new Tracker({ ingestionUrl: await unusedUrl(), ingestKey: "tok_bench", labels: { feature: "bench" }, sender: { maxBuffered: 4 * calls + microCalls + 10_000 } });
try {
  const bare = new OpenAI({ apiKey: "sk-bench", baseURL: `${provider.url}/v1`, maxRetries: 0 });
  const wrapped = tracker.wrap(new OpenAI({ apiKey: "sk-bench", baseURL: `${provider.url}/v1`, maxRetries: 0 }));
  const plain = (client: OpenAI) => () => client.chat.completions.create({ model: "gpt-4o", messages: hi });
  // Both ask for usage, so both streams carry the same chunks.
  const streamed = (client: OpenAI) => async () =>
    drain(await client.chat.completions.create({ model: "gpt-4o", messages: hi, stream: true, stream_options: { include_usage: true } }));

  await pairs(500, plain(bare), plain(wrapped)); // warm-up: JIT, keep-alive connections
  await pairs(500, streamed(bare), streamed(wrapped));
  const plainCalls = await pairs(calls, plain(bare), plain(wrapped));
  const streamedCalls = await pairs(calls, streamed(bare), streamed(wrapped));
  const inProcess = await pairs(microCalls, async () => response, () => tracker.trackedCompletion(() => response, { team: "bench" }));

  const stats = tracker.stats();
  if (stats.dropped > 0) throw new Error(`expected every record buffered, got ${JSON.stringify(stats)}`);

  const result = {
    calls,
    bare_call_p50_us: round(percentile(plainCalls.bare, 0.5)),
    wrapped_call_p50_us: round(percentile(plainCalls.tracked, 0.5)),
    wrapped_call_p99_us: round(percentile(plainCalls.tracked, 0.99)),
    overhead_p50_us: round(percentile(plainCalls.tracked, 0.5) - percentile(plainCalls.bare, 0.5)),
    overhead_mean_us: round(mean(plainCalls.tracked) - mean(plainCalls.bare)),
    overhead_paired_p50_us: round(pairedMedian(plainCalls)),
    bare_stream_p50_us: round(percentile(streamedCalls.bare, 0.5)),
    wrapped_stream_p50_us: round(percentile(streamedCalls.tracked, 0.5)),
    stream_overhead_p50_us: round(percentile(streamedCalls.tracked, 0.5) - percentile(streamedCalls.bare, 0.5)),
    stream_overhead_mean_us: round(mean(streamedCalls.tracked) - mean(streamedCalls.bare)),
    stream_overhead_paired_p50_us: round(pairedMedian(streamedCalls)),
    tracked_completion_calls: microCalls,
    tracked_completion_overhead_p50_us: round(pairedMedian(inProcess)),
    tracked_completion_p99_us: round(percentile(inProcess.tracked, 0.99)),
    load_average_1m_before_run: round(loadBefore),
    machine: `${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.versions.node}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
  const path = join(dirname(fileURLToPath(import.meta.url)), "..", "results", "ts-sdk-overhead.json");
  writeFileSync(path, JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
} finally {
  await tracker.close(0);
  await provider.close();
}
