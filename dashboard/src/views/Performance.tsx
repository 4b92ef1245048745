import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import { PERFORMANCE_QUERY, type PerformanceResult } from "../api/operations";
import { Figure } from "../components/Figure";
import { OKABE_ITO } from "../components/palette";
import { EmptyUsage, ErrorList, Loading, Panel } from "../components/States";
import { formatLong, formatMs, formatShare, formatUsd, toNumber } from "../decimal";
import { granularityFor, toUsageFilter } from "../state/filters";
import { useApiQuery } from "../state/useApiQuery";
import { bucketLabel, hasUsage, slug, type ViewProps } from "./common";

export function Performance({ filters }: ViewProps) {
  const { data, errors, loading } = useApiQuery<PerformanceResult>(PERFORMANCE_QUERY, { filter: toUsageFilter(filters), granularity: granularityFor(filters) });
  if (!data?.latency) return loading ? <Loading what="performance" /> : <ErrorList errors={errors} />;
  const failures = new Map(data.errors.byModel.map((f) => [f.key, f]));
  const cost = new Map(data.cost.map((c) => [c.key, c]));
  const scatter = data.latency
    .filter((l) => l.p95Ms != null && cost.get(l.key)?.costPerRequestUsd != null)
    .map((l) => ({ model: l.key, p95: l.p95Ms, costPerRequest: toNumber(cost.get(l.key)!.costPerRequestUsd), requests: toNumber(l.requests) }));
  const throughput = data.throughput.map((p) => ({
    t: bucketLabel(p.bucketStart),
    rps: p.requestsPerSecond,
    p50: p.p50LatencyMs,
    p95: p.p95LatencyMs,
    p99: p.p99LatencyMs,
  }));
  return (
    <div className="view">
      <ErrorList errors={errors} />
      {!hasUsage(data.overview.requests) ? <EmptyUsage /> : null}
      <div className="figures">
        <Figure label="Requests" value={formatLong(data.overview.requests)} raw={data.overview.requests} testId="performance-requests" />
        <Figure label="Success rate" value={formatShare(data.overview.successRate, 2)} raw={data.overview.successRate} testId="performance-success-rate" />
        <Figure label="p95 latency" value={formatMs(data.overview.p95LatencyMs)} raw={data.overview.p95LatencyMs} testId="performance-p95-latency" />
      </div>
      <div className="panels">
        <Panel title="Latency percentiles by model" wide>
          <div className="chart" role="img" aria-label="Latency percentiles by model; the table below holds the figures">
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={data.latency.map((l) => ({ key: l.key, p50: l.p50Ms, p95: l.p95Ms, p99: l.p99Ms }))}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="key" stroke="var(--muted)" fontSize={12} />
                <YAxis stroke="var(--muted)" fontSize={12} unit=" ms" />
                <Tooltip />
                <Legend />
                <Bar dataKey="p50" fill={OKABE_ITO[4]} isAnimationActive={false} />
                <Bar dataKey="p95" fill={OKABE_ITO[0]} isAnimationActive={false} />
                <Bar dataKey="p99" fill={OKABE_ITO[5]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Latency and success by model</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th><th scope="col">Requests</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col">p99</th>
                  <th scope="col">p99.9</th><th scope="col">TTFT p50</th><th scope="col">Success</th><th scope="col">Cost / request</th>
                </tr>
              </thead>
              <tbody>
                {data.latency.map((l) => {
                  const f = failures.get(l.key);
                  const success = f ? 1 - f.errorRate : hasUsage(l.requests) ? 1 : null;
                  const id = slug(l.key);
                  return (
                    <tr key={l.key}>
                      <th scope="row">{l.key}</th>
                      <td data-testid={`perf-requests-${id}`} data-value={l.requests}>{formatLong(l.requests)}</td>
                      <td data-testid={`perf-p50-${id}`} data-value={l.p50Ms ?? ""}>{formatMs(l.p50Ms)}</td>
                      <td data-testid={`perf-p95-${id}`} data-value={l.p95Ms ?? ""}>{formatMs(l.p95Ms)}</td>
                      <td data-testid={`perf-p99-${id}`} data-value={l.p99Ms ?? ""}>{formatMs(l.p99Ms)}</td>
                      <td data-testid={`perf-p999-${id}`} data-value={l.p999Ms ?? ""}>{formatMs(l.p999Ms)}</td>
                      <td data-testid={`perf-ttft-${id}`} data-value={l.ttftP50Ms ?? ""}>{formatMs(l.ttftP50Ms)}</td>
                      <td data-testid={`perf-success-${id}`} data-value={success ?? ""}>{formatShare(success, 2)}</td>
                      <td data-testid={`perf-cost-per-request-${id}`} data-value={cost.get(l.key)?.costPerRequestUsd ?? ""}>{formatUsd(cost.get(l.key)?.costPerRequestUsd)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Panel>
        <Panel title="Throughput and latency over time" wide>
          <div className="chart">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={throughput}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="t" stroke="var(--muted)" fontSize={12} minTickGap={24} />
                <YAxis yAxisId="rps" stroke="var(--muted)" fontSize={12} unit="/s" />
                <YAxis yAxisId="ms" orientation="right" stroke="var(--muted)" fontSize={12} unit=" ms" />
                <Tooltip />
                <Legend />
                <Line yAxisId="rps" dataKey="rps" name="Requests / s" stroke={OKABE_ITO[0]} dot={false} isAnimationActive={false} />
                <Line yAxisId="ms" dataKey="p95" name="p95 ms" stroke={OKABE_ITO[5]} dot={false} strokeDasharray="4 2" isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Cost per request vs p95 latency">
          {scatter.length === 0 ? (
            <p>No priced calls with latency in this period.</p>
          ) : (
            <div className="chart" role="img" aria-label="Scatter of cost per request against p95 latency per model">
              <ResponsiveContainer width="100%" height={240}>
                <ScatterChart>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                  <XAxis type="number" dataKey="p95" name="p95" unit=" ms" stroke="var(--muted)" fontSize={12} />
                  <YAxis type="number" dataKey="costPerRequest" name="Cost / request" unit=" $" stroke="var(--muted)" fontSize={12} />
                  <ZAxis type="number" dataKey="requests" range={[60, 400]} name="Requests" />
                  <Tooltip cursor={{ strokeDasharray: "3 3" }} />
                  <Scatter name="Models" data={scatter} fill={OKABE_ITO[3]} isAnimationActive={false} />
                </ScatterChart>
              </ResponsiveContainer>
            </div>
          )}
        </Panel>
      </div>
    </div>
  );
}
