import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { PROVIDER_COMPARISON_QUERY, type ProviderComparisonResult } from "../api/operations";
import { Figure } from "../components/Figure";
import { OKABE_ITO, providerColour } from "../components/palette";
import { EmptyUsage, ErrorList, Loading, Panel } from "../components/States";
import { formatLong, formatMs, formatShare, formatUsd, toNumber } from "../decimal";
import { granularityFor, toUsageFilter, type Filters } from "../state/filters";
import { useApiQuery } from "../state/useApiQuery";
import { AvailabilityHeatmap } from "./AvailabilityHeatmap";
import { bucketLabel, hasUsage, slug, type ViewProps } from "./common";
import { overallHealthScore, tokensPerSecond } from "./providerFigures";
import { SloCompliance } from "./SloCompliance";

/** The filter without its period, over the last 24 hours: the heatmap's window whatever range is chosen. */
function lastDay(filters: Filters) {
  const { from: _from, to: _to, ...rest } = toUsageFilter(filters);
  return { ...rest, range: "LAST_24_HOURS" };
}

/** Cost per provider per bucket, one column per provider, for a line chart. */
function costByBucket(points: ProviderComparisonResult["costTrend"]) {
  const rows = new Map<string, Record<string, number | string>>();
  for (const p of points) {
    const row = rows.get(p.bucketStart) ?? { t: bucketLabel(p.bucketStart) };
    row[p.key ?? ""] = toNumber(p.costUsd);
    rows.set(p.bucketStart, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
}

export function ProviderComparison({ filters, drill }: ViewProps) {
  const { data, errors, loading } = useApiQuery<ProviderComparisonResult>(PROVIDER_COMPARISON_QUERY, {
    filter: toUsageFilter(filters),
    day: lastDay(filters),
    granularity: granularityFor(filters),
  });
  if (!data?.byProvider) return loading ? <Loading what="the provider comparison" /> : <ErrorList errors={errors} />;
  const toLogs = (changes: Partial<Filters>) => drill?.(changes, "logs");
  // A bar or point carries its data row: every chart here has one row per provider.
  const openProviderLogs = (entry: { provider?: string }) => entry.provider != null && toLogs({ providers: [entry.provider] });
  const providers = data.byProvider.map((p) => p.key).sort();
  const failures = new Map(data.errors.byProvider.map((f) => [f.key, f]));
  const latency = new Map(data.latency.map((l) => [l.key, l]));
  const totalFailures = data.errors.byProvider.reduce((sum, f) => sum + toNumber(f.failures), 0);
  const score = overallHealthScore(data.providers);
  const reliability = data.byProvider
    .filter((p) => p.costPerRequestUsd != null)
    .map((p) => ({ provider: p.key, costPerRequest: toNumber(p.costPerRequestUsd), success: 100 * (1 - (failures.get(p.key)?.errorRate ?? 0)) }));
  const tokens = data.tokens.map((t) => ({ t: bucketLabel(t.bucketStart), input: toNumber(t.inputTokens), output: toNumber(t.outputTokens), perSecond: tokensPerSecond(t) }));
  const peakTokensPerSecond = Math.max(0, ...tokens.map((t) => t.perSecond));
  const requests = data.byProvider.reduce((sum, p) => sum + BigInt(p.requests), 0n);

  return (
    <div className="view">
      <ErrorList errors={errors.filter((e) => e.extensions?.code !== "FORBIDDEN")} />
      {!hasUsage(requests.toString()) ? <EmptyUsage /> : null}
      <div className="figures">
        <Figure label="Overall health score" value={score == null ? "—" : `${score} / 100`} raw={score} testId="compare-health-score" hint="Providers' scores weighted by their calls per minute" />
        <Figure label="Peak tokens per second" value={peakTokensPerSecond.toFixed(2)} raw={peakTokensPerSecond} testId="compare-peak-tokens-per-second" />
      </div>
      <div className="panels">
        <Panel title="Providers side by side" wide>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Calls, failures, latency and cost per provider; a provider opens its logs</caption>
              <thead>
                <tr>
                  <th scope="col">Provider</th><th scope="col">Calls</th><th scope="col">Failed</th><th scope="col">Share of failures</th>
                  <th scope="col">p50</th><th scope="col">p95</th><th scope="col">Cost</th><th scope="col">Cost / call</th>
                </tr>
              </thead>
              <tbody>
                {providers.map((provider) => {
                  const row = data.byProvider.find((p) => p.key === provider)!;
                  const failed = failures.get(provider)?.failures ?? "0";
                  const share = totalFailures === 0 ? null : toNumber(failed) / totalFailures;
                  const l = latency.get(provider);
                  const id = slug(provider);
                  return (
                    <tr key={provider}>
                      <th scope="row">
                        <span className="swatch" style={{ background: providerColour(provider) }} aria-hidden="true" />
                        <a href="#" data-testid={`compare-drill-${id}`} onClick={(e) => { e.preventDefault(); toLogs({ providers: [provider] }); }}>{provider || "(none)"}</a>
                      </th>
                      <td data-testid={`compare-requests-${id}`} data-value={row.requests}>{formatLong(row.requests)}</td>
                      <td data-testid={`compare-failures-${id}`} data-value={failed}>{formatLong(failed)}</td>
                      <td>{formatShare(share, 1)}</td>
                      <td data-testid={`compare-p50-${id}`} data-value={l?.p50Ms ?? ""}>{formatMs(l?.p50Ms)}</td>
                      <td data-testid={`compare-p95-${id}`} data-value={l?.p95Ms ?? ""}>{formatMs(l?.p95Ms)}</td>
                      <td data-testid={`compare-cost-${id}`} data-value={row.costUsd}>{formatUsd(row.costUsd)}</td>
                      <td data-testid={`compare-cost-per-call-${id}`} data-value={row.costPerRequestUsd ?? ""}>{formatUsd(row.costPerRequestUsd)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Panel>
        <Panel title="Error distribution">
          <div className="chart" role="img" aria-label="Failed calls per provider; a bar opens that provider's logs">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={data.errors.byProvider.map((f) => ({ provider: f.key, failures: toNumber(f.failures) }))}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="provider" stroke="var(--muted)" fontSize={12} />
                <YAxis stroke="var(--muted)" fontSize={12} allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="failures" name="Failed calls" isAnimationActive={false} cursor="pointer" onClick={openProviderLogs}>
                  {data.errors.byProvider.map((f) => <Cell key={f.key} fill={providerColour(f.key)} />)}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Latency by provider">
          <div className="chart" role="img" aria-label="p50 and p95 latency per provider; the table above holds the figures">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={data.latency.map((l) => ({ provider: l.key, p50: l.p50Ms, p95: l.p95Ms }))}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="provider" stroke="var(--muted)" fontSize={12} />
                <YAxis stroke="var(--muted)" fontSize={12} unit=" ms" />
                <Tooltip />
                <Legend />
                <Bar dataKey="p50" fill={OKABE_ITO[4]} isAnimationActive={false} cursor="pointer" onClick={openProviderLogs} />
                <Bar dataKey="p95" fill={OKABE_ITO[0]} isAnimationActive={false} cursor="pointer" onClick={openProviderLogs} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Cost trend by provider" wide>
          <div className="chart" role="img" aria-label="Cost per provider over time">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={costByBucket(data.costTrend)}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="t" stroke="var(--muted)" fontSize={12} minTickGap={24} />
                <YAxis stroke="var(--muted)" fontSize={12} unit=" $" />
                <Tooltip />
                <Legend />
                {providers.map((provider) => (
                  <Line key={provider} dataKey={provider} name={provider || "(none)"} stroke={providerColour(provider)} dot={false} isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Cost vs reliability">
          <div className="chart" role="img" aria-label="Cost per call against the share of successful calls, one point per provider; a point opens its logs">
            <ResponsiveContainer width="100%" height={220}>
              <ScatterChart>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis type="number" dataKey="costPerRequest" name="Cost / call" unit=" $" stroke="var(--muted)" fontSize={12} />
                <YAxis type="number" dataKey="success" name="Succeeded" unit="%" domain={["auto", 100]} stroke="var(--muted)" fontSize={12} />
                <Tooltip />
                <Scatter data={reliability} isAnimationActive={false} cursor="pointer" onClick={openProviderLogs}>
                  {reliability.map((p) => <Cell key={p.provider} fill={providerColour(p.provider)} />)}
                </Scatter>
              </ScatterChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Requests by model">
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Requests per model; a model opens its logs</caption>
              <thead>
                <tr><th scope="col">Model</th><th scope="col">Requests</th></tr>
              </thead>
              <tbody>
                {data.byModel.map((m) => (
                  <tr key={m.key}>
                    <th scope="row">
                      <a href="#" data-testid={`compare-model-drill-${slug(m.key)}`} onClick={(e) => { e.preventDefault(); toLogs({ models: [m.key] }); }}>{m.key}</a>
                    </th>
                    <td data-testid={`compare-model-requests-${slug(m.key)}`} data-value={m.requests}>{formatLong(m.requests)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
        <Panel title="Token usage over time" wide>
          <div className="chart" role="img" aria-label="Input and output tokens per bucket, and tokens per second">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={tokens}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="t" stroke="var(--muted)" fontSize={12} minTickGap={24} />
                <YAxis yAxisId="tokens" stroke="var(--muted)" fontSize={12} />
                <YAxis yAxisId="rate" orientation="right" stroke="var(--muted)" fontSize={12} unit="/s" />
                <Tooltip />
                <Legend />
                <Line yAxisId="tokens" dataKey="input" name="Input tokens" stroke={OKABE_ITO[0]} dot={false} isAnimationActive={false} />
                <Line yAxisId="tokens" dataKey="output" name="Output tokens" stroke={OKABE_ITO[1]} dot={false} isAnimationActive={false} />
                <Line yAxisId="rate" dataKey="perSecond" name="Tokens per second" stroke={OKABE_ITO[2]} dot={false} strokeDasharray="4 2" isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Availability, last 24 hours" wide>
          <AvailabilityHeatmap points={data.availability} drill={drill} />
        </Panel>
        <Panel title="SLO compliance, 7 and 30 days">
          <SloCompliance providers={data.providers} targets={data.sloTargets} />
        </Panel>
      </div>
    </div>
  );
}
