/**
 * Adds up the usage a stream reports in its events, and notes when the first output arrived. OpenAI's Chat Completions
 * put the usage on the last chunk (with `stream_options.include_usage`); the Responses API on `response.completed`;
 * Anthropic's `message_start` carries the prompt's counts and each `message_delta` the output so far.
 */

import { anthropic, emptyUsage, field, OPENAI, readUsage, text, type Usage } from "./usage.js";

export class StreamedUsage {
  usage: Usage;
  firstOutputAt: number | undefined;
  private anthropicUsage: Record<string, unknown> | undefined;

  constructor(provider: string, model?: string) {
    this.usage = emptyUsage(provider, model);
  }

  /** Reads one event (chunk) of the stream: only counts, the model name and whether it carries output. */
  observe(event: unknown, now: number): void {
    if (this.firstOutputAt === undefined && carriesOutput(event)) this.firstOutputAt = now;
    const type = field(event, "type");
    if (type === "message_start") {
      const message = field(event, "message");
      this.anthropicUsage = { ...(field(message, "usage") as Record<string, unknown> | undefined) };
      this.usage = anthropic(this.anthropicUsage, text(field(message, "model")));
    } else if (type === "message_delta" && this.anthropicUsage) {
      // A delta's counts are the totals so far; a count it leaves out keeps its value from message_start.
      for (const [name, value] of Object.entries((field(event, "usage") as Record<string, unknown> | undefined) ?? {})) {
        if (value !== null && value !== undefined) this.anthropicUsage[name] = value;
      }
      this.usage = anthropic(this.anthropicUsage, this.usage.model);
    } else if (type === "response.completed" || type === "response.incomplete" || type === "response.failed") {
      this.usage = readUsage(field(event, "response")) ?? this.usage;
    } else if (field(event, "usage")) {
      this.usage = readUsage(event) ?? this.usage;
    } else if (field(event, "object") === "chat.completion.chunk" && this.usage.model === undefined) {
      // Without usage (the caller's own stream without include_usage) the chunks still say who answered.
      this.usage = { ...this.usage, provider: OPENAI, model: text(field(event, "model")) };
    }
  }
}

function carriesOutput(event: unknown): boolean {
  const type = field(event, "type");
  if (typeof type === "string") return type === "content_block_delta" || type.endsWith(".delta");
  const choices = field(event, "choices");
  if (!Array.isArray(choices)) return false;
  return choices.some((choice) => {
    const delta = field(choice, "delta");
    return Boolean(field(delta, "content") || field(delta, "refusal") || field(delta, "tool_calls") || field(delta, "reasoning_content"));
  });
}
