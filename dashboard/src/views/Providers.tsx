import { PROVIDERS_QUERY, type ProvidersResult } from "../api/operations";
import { STATUS_COLOURS } from "../components/palette";
import { Empty, ErrorList, Loading, Panel } from "../components/States";
import { formatDecimal, formatLong, formatMs, formatPercentChange, formatShare } from "../decimal";
import { granularityFor, toUsageFilter } from "../state/filters";
import { useApiQuery } from "../state/useApiQuery";
import { slug, type ViewProps } from "./common";
import { LogTable } from "./LogTable";
import { ProviderUptime } from "./ProviderUptime";

function Status({ value }: { value: string }) {
  return (
    <span className="status" style={{ borderColor: STATUS_COLOURS[value] ?? "var(--muted)" }}>
      <span className="dot" style={{ background: STATUS_COLOURS[value] ?? "var(--muted)" }} aria-hidden="true" />
      {value.replace(/_/g, " ")}
    </span>
  );
}

export function Providers({ filters }: ViewProps) {
  const { data, errors, loading } = useApiQuery<ProvidersResult>(PROVIDERS_QUERY, { filter: toUsageFilter(filters), granularity: granularityFor(filters) });
  if (!data?.providers) return loading ? <Loading what="provider health" /> : <ErrorList errors={errors} />;
  const incidents = data.providers.flatMap((p) => p.incidents.map((i) => ({ ...i, provider: p.provider })));
  return (
    <div className="view">
      <ErrorList errors={errors.filter((e) => e.extensions?.code !== "FORBIDDEN")} />
      {data.providers.length === 0 ? (
        <Empty testId="empty-state">
          <p>No provider has been called yet. Send usage with <code>POST /v1/usage</code> to the Ingestion service (see the README).</p>
        </Empty>
      ) : (
        <div className="health-grid" data-testid="provider-grid">
          {data.providers.map((p) => {
            const id = slug(p.provider);
            return (
              <section key={p.provider} className="card health" aria-label={`${p.provider} health`}>
                <h2>{p.provider}</h2>
                <div className="health-row">
                  <Status value={p.status} />
                  <span data-testid={`provider-score-${id}`} data-value={p.healthScore}>score {p.healthScore}</span>
                </div>
                <div className="health-row">
                  circuit <Status value={p.circuitState} />
                </div>
                <dl>
                  <dt>Error rate (5 min)</dt>
                  <dd data-testid={`provider-error-rate-${id}`} data-value={p.errorRate}>{formatShare(p.errorRate, 2)}</dd>
                  <dt>p95 (15 min)</dt>
                  <dd data-testid={`provider-p95-${id}`} data-value={p.latency.p95Ms ?? ""}>{formatMs(p.latency.p95Ms)}</dd>
                  <dt>Calls / min</dt>
                  <dd data-testid={`provider-rpm-${id}`} data-value={p.requestsPerMinute ?? ""}>{p.requestsPerMinute == null ? "—" : p.requestsPerMinute.toFixed(1)}</dd>
                  <dt>Uptime 24 h / 7 d / 30 d</dt>
                  <dd data-testid={`provider-uptime-${id}`} data-value={`${p.uptime24h},${p.uptime7d},${p.uptime30d}`}>
                    {formatShare(p.uptime24h, 2)} / {formatShare(p.uptime7d, 2)} / {formatShare(p.uptime30d, 2)}
                  </dd>
                </dl>
              </section>
            );
          })}
        </div>
      )}
      <div className="panels">
        <Panel title="Uptime over time" wide>
          <ProviderUptime points={data.uptime} />
        </Panel>
        <Panel title="SLO compliance">
          {data.slos == null ? (
            <p>SLOs cover every team, so a team-scoped key cannot read them.</p>
          ) : data.slos.length === 0 ? (
            <p>No SLO reports yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr><th scope="col">Scope</th><th scope="col">Objective</th><th scope="col">Target</th><th scope="col">Current</th><th scope="col">Status</th><th scope="col">Error budget left</th></tr>
                </thead>
                <tbody>
                  {data.slos.flatMap((s) =>
                    s.objectives.map((o) => (
                      <tr key={`${s.scope}-${s.provider}-${o.name}`}>
                        <th scope="row">{s.provider ?? s.scope}</th>
                        <td>{o.name}</td>
                        <td>{o.name === "latency_p95_ms" ? formatMs(o.target) : formatShare(o.target, 2)}</td>
                        <td data-testid={`slo-${slug(s.provider ?? s.scope)}-${o.name}`} data-value={o.current ?? ""}>
                          {o.current == null ? "—" : o.name === "latency_p95_ms" ? formatMs(o.current) : formatShare(o.current, 2)}
                        </td>
                        <td><Status value={o.status} /></td>
                        <td>{formatShare(o.errorBudgetRemaining, 0)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          )}
        </Panel>
        <Panel title="Incidents (last 30 days)">
          {incidents.length === 0 ? (
            <p data-testid="no-incidents">No incidents: no circuit opened in the last 30 days.</p>
          ) : (
            <ul className="plain">
              {incidents.map((i) => (
                <li key={`${i.provider}-${i.startedAt}`}>
                  <strong>{i.provider}</strong> {i.startedAt.slice(0, 16).replace("T", " ")} UTC · {formatDecimal(String(i.durationSeconds / 60), 1)} min · peak error rate {formatShare(i.peakErrorRate, 0)}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Failures by type">
          {data.errors.byType.length === 0 ? (
            <p>No failures in this period.</p>
          ) : (
            <ul className="plain">
              {data.errors.byType.map((f) => (
                <li key={f.key}>
                  <strong>{f.key}</strong>: <span data-testid={`failures-${slug(f.key)}`} data-value={f.failures}>{formatLong(f.failures)}</span> ({formatShare(f.errorRate, 2)} of calls, {formatPercentChange(f.trendPercent)})
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Recent errors (live)" wide>
          {data.errors.recent.edges.length === 0 ? <p>No failed calls in this period.</p> : <LogTable rows={data.errors.recent.edges.map((e) => e.node)} caption="Recent failed calls" testPrefix="error" />}
        </Panel>
      </div>
    </div>
  );
}
