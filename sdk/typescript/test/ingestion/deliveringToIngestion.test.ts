/**
 * Records of calls through the real `openai` and `@anthropic-ai/sdk` clients reach the real Ingestion service in its wire
 * format; what it refuses is counted, not retried forever. tests/TypeScriptSdk.Tests checks the stored records (counts,
 * provider, model, outcome, stream timings) in the event log afterwards.
 */

import { spawnSync } from "node:child_process";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI, { AzureOpenAI } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Tracker } from "../../src/index.js";
import { rateLimited, startStubProvider, type StubProvider } from "../support/stubProvider.js";
import { deliveryTimeoutMs, ingestKey, ingestionUrl, requestId } from "./runningIngestion.js";

let provider: StubProvider;
beforeAll(async () => {
  provider = await startStubProvider();
});
afterAll(() => provider.close());

const hi = [{ role: "user" as const, content: "hi" }];

/** A fetch that sends a client's requests for a real provider's host to the stub instead: the client keeps its base URL. */
function toStub(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  return fetch(`${provider.url}${url.pathname}${url.search}`, init);
}

/** Each listed OpenAI-compatible host, the model asked of it, and the provider its calls are booked to. */
const hosts = [
  ["https://api.mistral.ai/v1", "mistral-small-latest", "mistral"],
  ["https://api.groq.com/openai/v1", "llama-3.3-70b-versatile", "groq"],
  ["https://api.deepseek.com", "deepseek-chat", "deepseek"],
  ["https://api.together.xyz/v1", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "together_ai"],
  ["https://openrouter.ai/api/v1", "openai/gpt-4o-mini", "openrouter"],
] as const;

describe("delivering to Ingestion", () => {
  it("delivers each provider's calls, plain and streamed, booked to the provider of the client's host", async () => {
    const tracker = new Tracker({ ingestionUrl: ingestionUrl(), ingestKey: ingestKey(), labels: { environment: "sdk-tests" }, sender: { lingerMs: 50 } });
    try {
      const openai = new OpenAI({ apiKey: "sk-test", baseURL: `${provider.url}/v1`, maxRetries: 0 });
      const anthropic = new Anthropic({ apiKey: "sk-ant-test", baseURL: provider.url, maxRetries: 0 });

      await tracker.wrap(openai, { feature: "support-chat", requestId: requestId("openai-chat") }).chat.completions.create({ model: "gpt-4o", messages: hi });
      const chatStream = await tracker.wrap(openai, { feature: "support-chat", requestId: requestId("openai-stream") }).chat.completions.create({ model: "gpt-4o", messages: hi, stream: true });
      for await (const _ of chatStream);
      await tracker.wrap(openai, { feature: "search", requestId: requestId("openai-responses") }).responses.create({ model: "gpt-4.1-mini", input: "hi" });
      await tracker.wrap(anthropic, { feature: "support-chat", team: "support", requestId: requestId("anthropic") }).messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages: hi });
      const messageStream = await tracker.wrap(anthropic, { feature: "summaries", requestId: requestId("anthropic-stream") }).messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages: hi, stream: true });
      for await (const _ of messageStream);
      const failed = await tracker.wrap(openai, { feature: "support-chat", requestId: requestId("failed") }).chat.completions.create({ model: "gpt-4o", messages: hi }, rateLimited).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(OpenAI.RateLimitError);

      for (const [baseURL, model, booked] of hosts) {
        const client = new OpenAI({ apiKey: "sk-test", baseURL, fetch: toStub, maxRetries: 0 });
        await tracker.wrap(client, { feature: "hosts", requestId: requestId(`host-${booked}`) }).chat.completions.create({ model, messages: hi });
      }
      const azure = new AzureOpenAI({ apiKey: "azure-key", endpoint: "https://my-resource.openai.azure.com", apiVersion: "2024-10-21", deployment: "prod-4o", fetch: toStub, maxRetries: 0 });
      await tracker.wrap(azure, { feature: "hosts", requestId: requestId("host-azure") }).chat.completions.create({ model: "prod-4o", messages: hi });

      const message = await anthropic.messages.create({ model: "claude-3-5-haiku-20241022", max_tokens: 100, messages: hi });
      tracker.track(message, { feature: "summaries", latencyMs: 250, requestId: requestId("tracked-response") });
      // The seed's manual form: 1,500 tokens of gpt-4 that cost $0.045 (1.5 × $0.03 per 1,000).
      tracker.trackEvent("gpt-4", 1500, 0.045, { provider: "openai", feature: "manual", requestId: requestId("tracked-event") });

      expect(await tracker.flush(deliveryTimeoutMs)).toBe(true);
      expect(tracker.stats()).toEqual({ delivered: 14, rejected: 0, dropped: 0, pending: 0 });
    } finally {
      await tracker.close(5000);
    }
  });

  it("sends records still buffered when the program ends, before it ends", () => {
    const child = spawnSync("npx", ["vite-node", "test/ingestion/programEndingAfterOneCall.ts"], {
      env: { ...process.env, TOKENOPTIMIZER_URL: ingestionUrl(), TOKENOPTIMIZER_INGEST_KEY: ingestKey(), AT_EXIT_REQUEST_ID: requestId("at-exit") },
      encoding: "utf8",
      timeout: deliveryTimeoutMs,
    });

    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}")).toEqual({ delivered: 1, rejected: 0, dropped: 0, pending: 0 });
  });

  it("counts a record Ingestion refuses as rejected", async () => {
    const tooManyTags = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`tag${i}`, "x"])); // Ingestion allows 20
    const tracker = new Tracker({ ingestionUrl: ingestionUrl(), ingestKey: ingestKey(), sender: { lingerMs: 50 } });
    try {
      tracker.trackEvent("gpt-4o", 1, undefined, { provider: "openai", tags: tooManyTags, requestId: requestId("too-many-tags") });

      expect(await tracker.flush(deliveryTimeoutMs)).toBe(true);
      expect(tracker.stats()).toEqual({ delivered: 0, rejected: 1, dropped: 0, pending: 0 });
    } finally {
      await tracker.close(5000);
    }
  });

  it("does not retry a wrong key forever", async () => {
    const tracker = new Tracker({ ingestionUrl: ingestionUrl(), ingestKey: "tok_not-a-key", sender: { lingerMs: 50 } });
    try {
      tracker.trackEvent("gpt-4o", 1, undefined, { provider: "openai", requestId: requestId("wrong-key") });

      expect(await tracker.flush(deliveryTimeoutMs), "a refused batch was still being retried").toBe(true);
      expect(tracker.stats()).toEqual({ delivered: 0, rejected: 1, dropped: 0, pending: 0 });
    } finally {
      await tracker.close(5000);
    }
  });
});
