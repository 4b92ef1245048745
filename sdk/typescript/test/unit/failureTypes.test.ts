import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "../../src/index.js";
import { rateLimited, startStubProvider, type StubProvider } from "../support/stubProvider.js";

let provider: StubProvider;
beforeAll(async () => {
  provider = await startStubProvider();
});
afterAll(() => provider.close());

describe("classifying the provider SDKs' errors", () => {
  it("reads OpenAI's 429 as a rate limit with the error's code", async () => {
    const openai = new OpenAI({ apiKey: "sk-test", baseURL: `${provider.url}/v1`, maxRetries: 0 });

    const error = await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }, rateLimited).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(classify(error)).toEqual({ errorType: "rate_limit", errorCode: "rate_limit_exceeded" });
  });

  it("reads Anthropic's 429 as a rate limit with the error body's type", async () => {
    const anthropic = new Anthropic({ apiKey: "sk-ant-test", baseURL: provider.url, maxRetries: 0 });

    const error = await anthropic.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }, rateLimited).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(classify(error)).toEqual({ errorType: "rate_limit", errorCode: "rate_limit_error" });
  });

  it("reads a connection that could not be made as 'other' and a timeout as 'timeout'", () => {
    expect(classify(new OpenAI.APIConnectionError({ message: "Connection error." })).errorType).toBe("other");
    expect(classify(new OpenAI.APIConnectionTimeoutError()).errorType).toBe("timeout");
  });

  it.each([
    [400, "invalid_request"],
    [401, "auth_error"],
    [403, "auth_error"],
    [408, "timeout"],
    [500, "server_error"],
    [529, "server_error"],
  ])("reads HTTP status %i as %s", (status, errorType) => {
    expect(classify({ status })).toEqual({ errorType, errorCode: String(status) });
  });

  it("recognises a content filter by its code", () => {
    expect(classify({ status: 400, code: "content_filter" }).errorType).toBe("content_filter");
  });

  it("never reads an error's message (it may quote the prompt)", () => {
    const failure = classify(new Error("Summarise: my secret prompt"));

    expect(failure).toEqual({ errorType: "other", errorCode: undefined });
  });
});
