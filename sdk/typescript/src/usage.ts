/**
 * Reads token counts from a provider's response and gives each count the contract's one meaning.
 *
 * The contract (libs/Contracts/UsageRecorded.cs) nests the counts: `inputTokens` is the whole prompt, cache reads and
 * cache writes included; `reasoningTokens` is part of `outputTokens`. OpenAI reports its counts that way already;
 * Anthropic reports the cached parts beside `input_tokens`, so they are added up here. Only counts and the model name
 * are read: never any text of the response.
 */

export const OPENAI = "openai";
export const ANTHROPIC = "anthropic";

/** One call's token counts, in the contract's meaning, and what the response said about itself. */
export interface Usage {
  provider: string;
  model?: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  /** The part of cacheWriteTokens written with Anthropic's one-hour lifetime. */
  cacheWriteOneHourTokens: number;
  reasoningTokens: number;
}

export function emptyUsage(provider: string, model?: string): Usage {
  return { provider, model, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, cacheWriteOneHourTokens: 0, reasoningTokens: 0 };
}

/** A field of an object, or undefined for anything else. */
export function field(source: unknown, name: string): unknown {
  return typeof source === "object" && source !== null ? (source as Record<string, unknown>)[name] : undefined;
}

/** The counts of an OpenAI (Chat Completions or Responses API) or Anthropic response; undefined without usage. */
export function readUsage(response: unknown): Usage | undefined {
  const usage = field(response, "usage");
  if (typeof usage !== "object" || usage === null) {
    return undefined;
  }
  const model = text(field(response, "model"));
  if (field(usage, "prompt_tokens") !== undefined) {
    return openAI(usage, model, "prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details");
  }
  if (field(usage, "input_tokens") !== undefined) {
    return isOpenAIResponses(response, usage)
      ? openAI(usage, model, "input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details")
      : anthropic(usage, model);
  }
  return undefined;
}

// Both OpenAI APIs nest the counts as the contract does: the input includes its cached part, the output its reasoning.
function openAI(usage: unknown, model: string | undefined, input: string, output: string, inputDetails: string, outputDetails: string): Usage {
  return {
    ...emptyUsage(OPENAI, model),
    inputTokens: count(field(usage, input)),
    outputTokens: count(field(usage, output)),
    cachedInputTokens: count(field(field(usage, inputDetails), "cached_tokens")),
    reasoningTokens: count(field(field(usage, outputDetails), "reasoning_tokens")),
  };
}

/** Anthropic's usage: `input_tokens` leaves the cache reads and writes out, so they are added to make the whole prompt. */
export function anthropic(usage: unknown, model: string | undefined): Usage {
  const cacheRead = count(field(usage, "cache_read_input_tokens"));
  const cacheWrite = count(field(usage, "cache_creation_input_tokens"));
  return {
    ...emptyUsage(ANTHROPIC, model),
    inputTokens: count(field(usage, "input_tokens")) + cacheRead + cacheWrite,
    outputTokens: count(field(usage, "output_tokens")),
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    cacheWriteOneHourTokens: Math.min(count(field(field(usage, "cache_creation"), "ephemeral_1h_input_tokens")), cacheWrite),
  };
}

// Both the Responses API and Anthropic name the prompt input_tokens; only OpenAI adds the details and a total.
function isOpenAIResponses(response: unknown, usage: unknown): boolean {
  return (
    field(response, "object") === "response" ||
    field(usage, "input_tokens_details") !== undefined ||
    field(usage, "output_tokens_details") !== undefined ||
    field(usage, "total_tokens") !== undefined
  );
}

/** A provider omits a count (or sends null) when it is zero. */
export function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? Math.max(Math.trunc(value), 0) : 0;
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
