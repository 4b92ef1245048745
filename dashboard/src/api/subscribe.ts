// dashboardUpdated over server-sent events (graphql-sse, distinct connections): a POST with
// Accept: text/event-stream answered by `event: next\ndata: {...}\n\n` frames and a final `event: complete`.
import { DASHBOARD_UPDATED, type DashboardUpdatedResult } from "./operations";
import { ApiError, type GraphQLClient } from "./client";

export interface SseEvent {
  event: string;
  data: string;
}

/** Splits a text stream into SSE events; returns the parsed events and the unfinished rest. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const normalised = buffer.replace(/\r\n/g, "\n");
  const blocks = normalised.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0 || event !== "message") events.push({ event, data: data.join("\n") });
  }
  return { events, rest };
}

/**
 * Calls onUpdate for each dashboardUpdated until the returned function is called; reconnects after a drop
 * (with a growing pause) so a restarted Query service is followed again.
 */
export function subscribeDashboardUpdated(
  client: GraphQLClient,
  onUpdate: (update: DashboardUpdatedResult["dashboardUpdated"]) => void,
  onStatus?: (live: boolean) => void,
): () => void {
  const controller = new AbortController();
  let attempt = 0;

  async function connect(): Promise<void> {
    const response = await client.fetch(`${client.baseUrl}/graphql`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${client.apiKey}`,
        "Content-Type": "application/json",
        Accept: "text/event-stream",
      },
      body: JSON.stringify({ query: DASHBOARD_UPDATED }),
      signal: controller.signal,
    });
    if (response.status === 401) {
      client.unauthorized(new ApiError(401, [{ message: "The API key was refused." }]));
      throw new Error("unauthorized");
    }
    if (!response.ok || !response.body) throw new Error(`The subscription was answered ${response.status}.`);
    onStatus?.(true);
    attempt = 0;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const parsed = parseSse(buffer);
      buffer = parsed.rest;
      for (const event of parsed.events) {
        if (event.event === "next") {
          const payload = JSON.parse(event.data) as { data?: DashboardUpdatedResult };
          if (payload.data?.dashboardUpdated) onUpdate(payload.data.dashboardUpdated);
        } else if (event.event === "complete") {
          return;
        }
      }
    }
  }

  (async () => {
    while (!controller.signal.aborted) {
      try {
        await connect();
      } catch (error) {
        if ((error as Error).message === "unauthorized") return;
      }
      onStatus?.(false);
      if (controller.signal.aborted) return;
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5))));
    }
  })();

  return () => controller.abort();
}
