/**
 * Says how a call failed (the contract's errorType) from the error the provider's SDK threw.
 * Only the error's class name, HTTP status and error code are read: its message may quote the prompt.
 */

export interface Failure {
  errorType: "timeout" | "rate_limit" | "invalid_request" | "server_error" | "auth_error" | "content_filter" | "other";
  errorCode?: string;
}

const contentFilterCodes = new Set(["content_filter", "content_policy_violation"]);
const maxCodeLength = 200;

/** Classifies the errors of the `openai` and `@anthropic-ai/sdk` packages (and fetch's) by status, code and class. */
export function classify(error: unknown): Failure {
  const status = statusOf(error);
  const code = codeOf(error);
  const errorCode = (code ?? (status !== undefined ? String(status) : undefined))?.slice(0, maxCodeLength);
  return { errorType: errorType(error, status, code), errorCode };
}

function errorType(error: unknown, status: number | undefined, code: string | undefined): Failure["errorType"] {
  const name = nameOf(error).toLowerCase();
  if ((code !== undefined && contentFilterCodes.has(code)) || name.includes("contentfilter")) return "content_filter";
  if (name.includes("timeout") || status === 408 || status === 504) return "timeout";
  if (status === 429 || name.includes("ratelimit")) return "rate_limit";
  if (status === 401 || status === 403 || name.includes("authentication") || name.includes("permissiondenied")) return "auth_error";
  if ((status !== undefined && status >= 500) || name.includes("internalserver") || name.includes("overloaded")) return "server_error";
  if ((status !== undefined && status >= 400 && status < 500) || name.includes("badrequest") || name.includes("unprocessable")) return "invalid_request";
  return "other";
}

function statusOf(error: unknown): number | undefined {
  const status = property(error, "status");
  return typeof status === "number" && status >= 100 && status <= 599 ? status : undefined;
}

// The OpenAI SDK sets `code` (e.g. "content_filter"); Anthropic's error body names a `type` inside `error`.
function codeOf(error: unknown): string | undefined {
  for (const candidate of [property(error, "code"), property(property(property(error, "error"), "error"), "type")]) {
    if (typeof candidate === "string" && candidate !== "") return candidate;
  }
  return undefined;
}

function nameOf(error: unknown): string {
  const name = property(error, "name");
  const constructorName = property(property(error, "constructor"), "name");
  return [name, constructorName].filter((part): part is string => typeof part === "string").join(" ");
}

// A getter on a foreign error may throw: a failure record must still be made.
function property(source: unknown, name: string): unknown {
  try {
    return (typeof source === "object" || typeof source === "function") && source !== null ? (source as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}
