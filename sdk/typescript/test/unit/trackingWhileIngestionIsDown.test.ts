/** With nothing listening at the Ingestion URL, the host application's calls behave exactly as without the SDK. */

import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { Stream } from "openai/streaming";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Tracker } from "../../src/index.js";
import { gpt4oSnapshot, rateLimited, startStubProvider, stubUsage, type StubProvider } from "../support/stubProvider.js";
import { unusedUrl } from "../support/unusedUrl.js";

let provider: StubProvider;
let tracker: Tracker;
let openai: OpenAI;
let anthropic: Anthropic;
const hi = [{ role: "user" as const, content: "hi" }];

beforeAll(async () => {
  provider = await startStubProvider();
});
afterAll(() => provider.close());

beforeEach(async () => {
  tracker = new Tracker({ ingestionUrl: await unusedUrl(), ingestKey: "tok_test", sender: { initialBackoffMs: 50, maxBackoffMs: 200 } });
  openai = tracker.wrap(new OpenAI({ apiKey: "sk-test", baseURL: `${provider.url}/v1`, maxRetries: 0 }), { feature: "support-chat" });
  anthropic = tracker.wrap(new Anthropic({ apiKey: "sk-ant-test", baseURL: provider.url, maxRetries: 0 }));
});
afterEach(() => tracker.close(0));

describe("a wrapped client", () => {
  it("returns OpenAI's completion unchanged and buffers one record", async () => {
    const completion = await openai.chat.completions.create({ model: "gpt-4o", messages: hi });

    expect(completion.model).toBe(gpt4oSnapshot);
    expect(completion.usage).toEqual(stubUsage.chat);
    expect(completion.choices[0]?.message.content).toBe("Hello.");
    expect(tracker.stats()).toEqual({ delivered: 0, rejected: 0, dropped: 0, pending: 1 });
  });

  it("keeps the SDK's withResponse()", async () => {
    const { data, response } = await openai.chat.completions.create({ model: "gpt-4o", messages: hi }).withResponse();

    expect(response.status).toBe(200);
    expect(data.usage?.prompt_tokens).toBe(1200);
    expect(tracker.stats().pending).toBe(1);
  });

  it("returns a stream of the SDK's own class, without the usage chunk the caller did not ask for, and records it when it ends", async () => {
    const stream = await openai.chat.completions.create({ model: "gpt-4o", messages: hi, stream: true });
    expect(stream).toBeInstanceOf(Stream);
    expect(stream.controller).toBeInstanceOf(AbortController);
    expect(tracker.stats().pending).toBe(0);

    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Hello.");
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(provider.requests.at(-1)?.body.stream_options).toEqual({ include_usage: true });
    expect(tracker.stats().pending).toBe(1);
  });

  it("passes the usage chunk through to a caller who asked for it", async () => {
    const stream = await openai.chat.completions.create({ model: "gpt-4o", messages: hi, stream: true, stream_options: { include_usage: true } });

    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks.at(-1)?.usage).toEqual(stubUsage.chat);
  });

  it("records a stream the caller leaves early, once", async () => {
    const stream = await anthropic.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages: hi, stream: true });

    for await (const event of stream) {
      if (event.type === "content_block_delta") break;
    }

    expect(tracker.stats().pending).toBe(1);
  });

  it("returns Anthropic's message unchanged, plain and through the SDK's messages.stream() helper", async () => {
    const message = await anthropic.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages: hi });
    const final = await anthropic.messages.stream({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages: hi }).finalMessage();

    expect(message.usage.cache_read_input_tokens).toBe(1000);
    expect(final.content).toEqual([{ type: "text", text: "Hello.", citations: undefined }].map(({ citations: _, ...block }) => expect.objectContaining(block)));
    expect(final.usage.output_tokens).toBe(stubUsage.messages.output_tokens);
    expect(tracker.stats().pending).toBe(2);
  });

  it("lets the provider's error reach the caller unchanged, after buffering a failed record", async () => {
    const error = await openai.chat.completions.create({ model: "gpt-4o", messages: hi }, rateLimited).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).status).toBe(429);
    expect(tracker.stats().pending).toBe(1);
  });

  it("leaves the client's other members working", () => {
    expect(openai.baseURL).toBe(`${provider.url}/v1`);
    expect(openai.withOptions({ timeout: 1000 })).toBeInstanceOf(OpenAI);
    expect(typeof openai.models.list).toBe("function");
  });
});

describe("trackedCompletion, track and trackEvent", () => {
  it("return the response or rethrow the very error, and never throw themselves", async () => {
    const raised = new Error("provider down");
    const exploding = { get usage(): never { throw new Error("a response that fails when read"); } };

    const returned = await tracker.trackedCompletion(() => ({ model: "gpt-4o", usage: { prompt_tokens: 10, completion_tokens: 2 } }));
    const thrown = await tracker.trackedCompletion(() => Promise.reject(raised), { provider: "openai", model: "gpt-4o" }).catch((e: unknown) => e);
    const unreadable = await tracker.trackedCompletion(() => exploding);
    tracker.track(exploding);
    tracker.track({ model: "claude-3-haiku", usage: { input_tokens: 5, output_tokens: 1 } }, { latencyMs: 120 });
    tracker.trackEvent("gpt-4", 1500, 0.045);
    tracker.trackEvent("gpt-4", Number.NaN, Number.POSITIVE_INFINITY);

    expect(returned.model).toBe("gpt-4o");
    expect(thrown).toBe(raised);
    expect(unreadable).toBe(exploding);
    // The exploding response is not recorded (twice); the five other calls are.
    expect(tracker.stats().pending).toBe(5);
  });
});

describe("the buffer", () => {
  it("drops the new record when full, keeps the older ones, and counts it", async () => {
    const small = new Tracker({ ingestionUrl: await unusedUrl(), ingestKey: "tok_test", sender: { maxBuffered: 3, batchSize: 3, initialBackoffMs: 60_000 } });
    try {
      for (let i = 0; i < 5; i++) small.trackEvent("gpt-4o-mini", 10);

      expect(small.stats()).toMatchObject({ dropped: 2, pending: 3 });
    } finally {
      await small.close(0);
    }
  });

  it("close gives up in time and counts what was left as dropped", async () => {
    for (let i = 0; i < 4; i++) tracker.trackEvent("gpt-4o-mini", 10);

    const settled = await tracker.close(100);

    expect(settled).toBe(false);
    expect(tracker.stats()).toEqual({ delivered: 0, rejected: 0, dropped: 4, pending: 0 });
  });
});
