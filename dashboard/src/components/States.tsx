import type { ReactNode } from "react";
import type { GraphQLErrorBody } from "../api/client";

export function Loading({ what = "data" }: { what?: string }) {
  return (
    <div className="state" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function ErrorList({ errors }: { errors: GraphQLErrorBody[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="state error" role="alert" data-testid="api-errors">
      <strong>The Query service answered with {errors.length === 1 ? "an error" : "errors"}:</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {e.message}
            {e.extensions?.code ? <code> ({e.extensions.code})</code> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** No usage in the filter: say how to get some. */
export function EmptyUsage({ children }: { children?: ReactNode }) {
  return (
    <div className="state empty" data-testid="empty-state">
      <h2>No usage in this period</h2>
      {children ?? <p>Widen the date range or clear a filter — or, if nothing has been recorded yet, send the first record.</p>}
      <p>
        Send usage to the Ingestion service with an <strong>ingest</strong> key: <code>POST /v1/usage</code> with a JSON record
        (requestId, occurredAt, provider, model, feature, team, environment, inputTokens, outputTokens, latencyMs, outcome).
        The README's “Send a first record” shows the full call; it appears here within a second or two.
      </p>
      <pre className="snippet">{`curl -X POST http://INGESTION/v1/usage -H "Authorization: Bearer $INGEST_KEY" \\
  -H 'Content-Type: application/json' -d '{"requestId":"req-0001",
  "occurredAt":"${new Date().toISOString().slice(0, 19)}Z","provider":"openai","model":"gpt-4o",
  "feature":"support-chat","team":"support","environment":"production",
  "inputTokens":1000,"outputTokens":500,"latencyMs":812,"outcome":"succeeded"}'`}</pre>
    </div>
  );
}

export function Empty({ children, testId = "empty" }: { children: ReactNode; testId?: string }) {
  return (
    <div className="state empty" data-testid={testId}>
      {children}
    </div>
  );
}

export function Panel({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? "card panel wide" : "card panel"} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
