/**
 * An OpenAI or Anthropic client whose `create` calls are recorded. A proxy, so the client keeps its type and everything
 * else (other resources, options, `withOptions`) works as before.
 */

import type { CallLabels } from "./callRecord.js";
import { providerOfBaseUrl } from "./providerHosts.js";
import type { Tracker } from "./tracker.js";
import { TrackedPromise } from "./trackedPromise.js";
import { field } from "./usage.js";

// The resources whose `create` makes an LLM call, by their path on the client.
const trackedPaths = new Set(["chat.completions", "responses", "messages", "beta.messages"]);
const resourceNames = new Set(["chat", "completions", "responses", "messages", "beta"]);

export function wrapClient<C extends object>(tracker: Tracker, client: C, labels?: CallLabels): C {
  // The host says who serves the calls (Groq, Azure, …) where the response's shape would say OpenAI.
  const provider = labels?.provider ?? providerOfBaseUrl(field(client, "baseURL"), tracker.providerHosts);
  const callLabels: CallLabels | undefined = provider === undefined ? labels : { ...labels, provider };
  return resource(tracker, client, "", callLabels, true);
}

function resource<R extends object>(tracker: Tracker, target: R, path: string, labels: CallLabels | undefined, isClient: boolean): R {
  return new Proxy(target, {
    get(object, name, receiver) {
      if (typeof name !== "string") return Reflect.get(object, name, object);
      const value: unknown = Reflect.get(object, name, isClient ? object : receiver);
      if (name === "create" && trackedPaths.has(path) && typeof value === "function") {
        return trackedCreate(tracker, value.bind(object) as Create, labels, path === "chat.completions");
      }
      const childPath = path === "" ? name : `${path}.${name}`;
      if (resourceNames.has(name) && typeof value === "object" && value !== null) {
        return resource(tracker, value, childPath, labels, false);
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
