import { describe, expect, it } from "vitest";
import { StreamedUsage } from "../../src/streamedUsage.js";

describe("usage added up from a stream's events", () => {
  it("takes Anthropic's prompt counts from message_start and the output from the last message_delta", () => {
    const streamed = new StreamedUsage("unknown");
    const events = [
      { type: "message_start", message: { model: "claude-sonnet-4-20250514", usage: { input_tokens: 25, cache_read_input_tokens: 1000, cache_creation_input_tokens: 300, output_tokens: 1 } } },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } },
      { type: "message_delta", usage: { output_tokens: 80 } },
    ];

    events.forEach((event, i) => streamed.observe(event, 10 * (i + 1)));

    // 25 + 1000 + 300 = 1325: the message_delta leaves the prompt's counts as message_start gave them.
    expect(streamed.usage).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-20250514", inputTokens: 1325, cachedInputTokens: 1000, cacheWriteTokens: 300, outputTokens: 80 });
    expect(streamed.firstOutputAt).toBe(30);
  });

  it("takes OpenAI's usage from the last chunk, and the first token from the first chunk with content", () => {
    const streamed = new StreamedUsage("groq");
    const chunk = (choices: unknown[], usage: unknown = null) => ({ object: "chat.completion.chunk", model: "llama-3.3-70b", choices, usage });

    streamed.observe(chunk([{ delta: { role: "assistant", content: "" } }]), 5);
    streamed.observe(chunk([{ delta: { content: "Hi" } }]), 7);
    streamed.observe(chunk([], { prompt_tokens: 12, completion_tokens: 3 }), 9);

    expect(streamed.usage).toMatchObject({ model: "llama-3.3-70b", inputTokens: 12, outputTokens: 3 });
    expect(streamed.firstOutputAt).toBe(7);
  });

  it("takes the Responses API's usage from response.completed", () => {
    const streamed = new StreamedUsage("unknown");

    streamed.observe({ type: "response.output_text.delta", delta: "Hi" }, 4);
    streamed.observe({ type: "response.completed", response: { object: "response", model: "gpt-4.1-mini", usage: { input_tokens: 2048, output_tokens: 128, input_tokens_details: { cached_tokens: 1536 } } } }, 6);

    expect(streamed.usage).toMatchObject({ provider: "openai", model: "gpt-4.1-mini", inputTokens: 2048, cachedInputTokens: 1536, outputTokens: 128 });
    expect(streamed.firstOutputAt).toBe(4);
  });

  it("knows who answered a chat stream without usage, with zero tokens", () => {
    const streamed = new StreamedUsage("unknown");

    streamed.observe({ object: "chat.completion.chunk", model: "gpt-4o-mini", choices: [{ delta: { content: "Hi" } }] }, 1);

    expect(streamed.usage).toMatchObject({ provider: "openai", model: "gpt-4o-mini", inputTokens: 0, outputTokens: 0 });
  });
});
