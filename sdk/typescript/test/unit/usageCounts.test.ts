import { describe, expect, it } from "vitest";
import { readUsage } from "../../src/index.js";

describe("OpenAI Chat Completions", () => {
  it("keeps prompt_tokens as the whole input and reasoning inside the output", () => {
    const usage = readUsage({
      model: "o4-mini",
      usage: { prompt_tokens: 500, completion_tokens: 900, prompt_tokens_details: { cached_tokens: 128 }, completion_tokens_details: { reasoning_tokens: 640 } },
    });

    expect(usage).toEqual({ provider: "openai", model: "o4-mini", inputTokens: 500, outputTokens: 900, cachedInputTokens: 128, cacheWriteTokens: 0, cacheWriteOneHourTokens: 0, reasoningTokens: 640 });
  });

  it("counts missing details as zero", () => {
    expect(readUsage({ model: "gpt-4o", usage: { prompt_tokens: 10, completion_tokens: 2 } })).toMatchObject({ cachedInputTokens: 0, reasoningTokens: 0 });
  });
});

describe("OpenAI Responses API", () => {
  it("reads input_tokens with details as OpenAI's, taken as they are", () => {
    const usage = readUsage({
      object: "response",
      model: "gpt-4.1-mini",
      usage: { input_tokens: 2048, output_tokens: 128, input_tokens_details: { cached_tokens: 1536 }, output_tokens_details: { reasoning_tokens: 0 } },
    });

    expect(usage).toMatchObject({ provider: "openai", inputTokens: 2048, cachedInputTokens: 1536, outputTokens: 128, cacheWriteTokens: 0 });
  });
});

describe("Anthropic Messages", () => {
  it("adds cache reads and writes to input_tokens, and keeps the one-hour writes as a part of the writes", () => {
    const usage = readUsage({
      model: "claude-sonnet-4-20250514",
      usage: { input_tokens: 25, cache_read_input_tokens: 1000, cache_creation_input_tokens: 300, cache_creation: { ephemeral_1h_input_tokens: 100 }, output_tokens: 80 },
    });

    // The whole prompt: 25 + 1000 + 300 = 1325.
    expect(usage).toEqual({ provider: "anthropic", model: "claude-sonnet-4-20250514", inputTokens: 1325, outputTokens: 80, cachedInputTokens: 1000, cacheWriteTokens: 300, cacheWriteOneHourTokens: 100, reasoningTokens: 0 });
  });

  it("treats null cache counts as zero and never lets the one-hour part exceed the writes", () => {
    const usage = readUsage({ model: "claude-3-5-haiku-20241022", usage: { input_tokens: 400, cache_read_input_tokens: null, cache_creation_input_tokens: 10, cache_creation: { ephemeral_1h_input_tokens: 50 }, output_tokens: 50 } });

    expect(usage).toMatchObject({ inputTokens: 410, cachedInputTokens: 0, cacheWriteTokens: 10, cacheWriteOneHourTokens: 10 });
  });
});

describe("responses without usage", () => {
  it("gives undefined, and nonsense counts become zero", () => {
    expect(readUsage({ model: "gpt-4o" })).toBeUndefined();
    expect(readUsage(null)).toBeUndefined();
    expect(readUsage({ usage: { prompt_tokens: -5, completion_tokens: "12" } })).toMatchObject({ inputTokens: 0, outputTokens: 0 });
  });
});
