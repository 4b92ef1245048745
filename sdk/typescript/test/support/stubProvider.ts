/**
 * A local stand-in for OpenAI's and Anthropic's HTTP APIs (the only thing outside our system the tests replace), so the
 * real `openai` and `@anthropic-ai/sdk` clients can be pointed at it. Every answer carries the usage below; a request
 * with the header `x-stub-status: 429` is answered 429 with the provider's error body.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The counts every answer carries, as each provider reports them. */
export const stubUsage = {
  chat: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 1024 }, completion_tokens_details: { reasoning_tokens: 64 } },
  responses: { input_tokens: 2048, output_tokens: 128, total_tokens: 2176, input_tokens_details: { cached_tokens: 1536 }, output_tokens_details: { reasoning_tokens: 0 } },
  messages: { input_tokens: 25, cache_read_input_tokens: 1000, cache_creation_input_tokens: 300, cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 100 }, output_tokens: 80 },
} as const;

/** The model the stub says served a request for `gpt-4o`: a dated snapshot behind the alias, as OpenAI answers. */
export const gpt4oSnapshot = "gpt-4o-2024-08-06";

/** Milliseconds between a stream's events by default, so its first token and its end are apart. */
export const streamEventGapMs = 20;

/** The request options that make the stub answer 429, as a rate-limited provider does. */
const rateLimitedHeader = "x-stub-status";
export const rateLimited = { headers: { [rateLimitedHeader]: "429" } };

export interface StubProvider {
  url: string;
  /** The bodies of the requests received, in order. */
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts the stub on a free loopback port; `gapMs` 0 streams without pauses (for the overhead benchmark). */
export async function startStubProvider(gapMs = streamEventGapMs): Promise<StubProvider> {
  const requests: StubProvider["requests"] = [];
  const server: Server = createServer((request, response) => {
    void answer(request, response, requests, gapMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function answer(request: IncomingMessage, response: ServerResponse, requests: StubProvider["requests"], gapMs: number): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
  const path = new URL(request.url ?? "/", "http://stub").pathname;
  requests.push({ path, body });
  const model = String(body.model);
  const anthropic = path.endsWith("/messages");
  if (request.headers[rateLimitedHeader] !== undefined) {
    const error = anthropic
      ? { type: "error", error: { type: "rate_limit_error", message: "Number of request tokens has exceeded your rate limit" } }
      : { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } };
    json(response, 429, error);
    return;
  }
  if (path.endsWith("/chat/completions")) {
    const served = model === "gpt-4o" ? gpt4oSnapshot : model;
    if (body.stream === true) {
      const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
      await openAIStream(response, served, includeUsage, gapMs);
    } else {
      json(response, 200, {
        id: "chatcmpl-stub", object: "chat.completion", created: 1765000000, model: served,
        choices: [{ index: 0, message: { role: "assistant", content: "Hello." }, finish_reason: "stop", logprobs: null }],
        usage: stubUsage.chat,
      });
    }
  } else if (path.endsWith("/responses")) {
    json(response, 200, {
      id: "resp_stub", object: "response", created_at: 1765000000, model, status: "completed",
      output: [{ type: "message", id: "msg_stub", role: "assistant", status: "completed", content: [{ type: "output_text", text: "Hello.", annotations: [] }] }],
      usage: stubUsage.responses,
    });
  } else if (anthropic) {
    if (body.stream === true) {
      await anthropicStream(response, model, gapMs);
    } else {
      json(response, 200, {
        id: "msg_stub", type: "message", role: "assistant", model, stop_reason: "end_turn", stop_sequence: null,
        content: [{ type: "text", text: "Hello." }], usage: stubUsage.messages,
      });
    }
  } else {
    json(response, 404, { error: { message: `no stub for ${path}` } });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function openAIStream(response: ServerResponse, model: string, includeUsage: boolean, gapMs: number): Promise<void> {
  const chunk = (choices: unknown[], usage: unknown = null) => ({ id: "chatcmpl-stub", object: "chat.completion.chunk", created: 1765000000, model, choices, usage });
  const events = [
    chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
    chunk([{ index: 0, delta: { content: "Hel" }, finish_reason: null }]),
    chunk([{ index: 0, delta: { content: "lo." }, finish_reason: "stop" }]),
    ...(includeUsage ? [chunk([], stubUsage.chat)] : []),
  ];
  await sse(response, events.map((data) => ({ data })), true, gapMs);
}

async function anthropicStream(response: ServerResponse, model: string, gapMs: number): Promise<void> {
  const { output_tokens, ...prompt } = stubUsage.messages;
  const events = [
    { type: "message_start", message: { id: "msg_stub", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { ...prompt, output_tokens: 1 } } },
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "lo." } },
    { type: "content_block_stop", index: 0 },
    { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens } },
    { type: "message_stop" },
  ];
  await sse(response, events.map((data) => ({ event: data.type, data })), false, gapMs);
}

async function sse(response: ServerResponse, events: Array<{ event?: string; data: unknown }>, done: boolean, gapMs: number): Promise<void> {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const { event, data } of events) {
    response.write(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  if (done) response.write("data: [DONE]\n\n");
  response.end();
}
