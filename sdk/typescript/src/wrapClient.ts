/**
 * An OpenAI or Anthropic client whose `create` calls are recorded. A proxy, so the client keeps its type and everything
 * else (other resources, options, `withOptions`) works as before.
 */

import type { CallLabels } from "./callRecord.js";
import { providerOfBaseUrl } from "./providerHosts.js";
import type { Tracker } from "./tracker.js";
import { TrackedPromise } from "./trackedPromise.js";
import { ANTHROPIC, field, OPENAI } from "./usage.js";

// The resources whose `create` makes an LLM call, by their path on the client, and whose API shape each speaks: the
// provider of a call through a host the table does not list (a failed call has no response to say it).
const trackedPaths = new Map([["chat.completions", OPENAI], ["responses", OPENAI], ["messages", ANTHROPIC], ["beta.messages", ANTHROPIC]]);
const resourceNames = new Set(["chat", "completions", "responses", "messages", "beta"]);

export function wrapClient<C extends object>(tracker: Tracker, client: C, labels?: CallLabels): C {
  // The host says who serves the calls (Groq, Azure, …) where the response's shape would say OpenAI.
  const provider = labels?.provider ?? providerOfBaseUrl(field(client, "baseURL"), tracker.providerHosts);
  const callLabels: CallLabels | undefined = provider === undefined ? labels : { ...labels, provider };
  return resource(tracker, client, "", callLabels, true);
}

function resource<R extends object>(tracker: Tracker, target: R, path: string, labels: CallLabels | undefined, isClient: boolean): R {
  // Made once per wrapper and kept: a call reads `chat.completions.create` anew each time, on the caller's path.
  const made = new Map<string, unknown>();
  return new Proxy(target, {
    get(object, name, receiver) {
      if (typeof name !== "string") return Reflect.get(object, name, object);
      const value: unknown = Reflect.get(object, name, isClient ? object : receiver);
      const shape = trackedPaths.get(path);
      const tracked = name === "create" && shape !== undefined && typeof value === "function";
      if (tracked || (resourceNames.has(name) && typeof value === "object" && value !== null)) {
        let wrapped = made.get(name);
        if (wrapped === undefined) {
          const callLabels = labels?.provider === undefined && shape !== undefined ? { ...labels, provider: shape } : labels;
          wrapped = tracked
            ? trackedCreate(tracker, (value as Create).bind(object), callLabels, path === "chat.completions")
            : resource(tracker, value as object, path === "" ? name : `${path}.${name}`, labels, false);
          made.set(name, wrapped);
        }
        return wrapped;
      }
      // The client's methods touch its private fields, which a proxy does not have; a resource's helpers (such as
      // Anthropic's messages.stream) keep the proxy as `this`, so the create they call is recorded.
      return isClient && typeof value === "function" ? value.bind(object) : value;
    },
  });
}

type Create = (params: Record<string, unknown>, options?: unknown) => PromiseLike<unknown>;

function trackedCreate(tracker: Tracker, create: Create, labels: CallLabels | undefined, isChatCompletions: boolean): Create {
  return (params, options) => {
    const model = typeof params?.model === "string" ? params.model : undefined;
    const start = tracker.start(model === undefined || labels?.model !== undefined ? labels : { ...labels, model });
    const request = isChatCompletions ? withUsageInStream(params) : params;
    let original: PromiseLike<unknown>;
    try {
      original = create(request, options);
    } catch (error) {
      tracker.recordFailure(start, error);
      throw error;
    }
    const hideUsageChunk = request !== params;
    return new TrackedPromise(original, (data) => tracker.recordResponse(start, data, hideUsageChunk), (error) => tracker.recordFailure(start, error));
  };
}

// OpenAI's Chat Completions stream reports usage only when asked; the tracker asks, and hides the extra chunk from a
// caller who did not ask.
function withUsageInStream(params: Record<string, unknown>): Record<string, unknown> {
  if (params?.stream !== true) return params;
  const streamOptions = field(params, "stream_options");
  if (field(streamOptions, "include_usage") !== undefined) return params;
  return { ...params, stream_options: { ...(streamOptions as object | undefined), include_usage: true } };
}
