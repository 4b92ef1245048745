import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ProvidersResult } from "../api/operations";
import { providerColour } from "../components/palette";
import { divideDecimal, formatLong, formatShare } from "../decimal";
import { bucketLabel, slug } from "./common";

type Point = ProvidersResult["uptime"][number];

/** Share of calls that did not fail, as an exact Decimal string; null without calls. */
function successShare(requests: bigint, failures: bigint): string | null {
  return divideDecimal((requests - failures).toString(), requests.toString(), 1n, 6);
}

/**
 * Uptime over time: each provider's share of calls that did not fail, per bucket of the selected range, and the
 * range's totals as exact figures beside the chart.
 */
export function ProviderUptime({ points }: { points: Point[] }) {
  const totals = new Map<string, { requests: bigint; failures: bigint }>();
  const buckets = new Map<string, Record<string, number | string>>();
  for (const p of points) {
    const provider = p.key ?? "";
    const total = totals.get(provider) ?? { requests: 0n, failures: 0n };
    total.requests += BigInt(p.requests);
    total.failures += BigInt(p.failures);
    totals.set(provider, total);
    const share = successShare(BigInt(p.requests), BigInt(p.failures));
    const row = buckets.get(p.bucketStart) ?? { t: bucketLabel(p.bucketStart) };
    // Percent for the axis; a bucket without calls is a gap, not 0 %.
    if (share != null) row[provider] = Number(share) * 100;
    buckets.set(p.bucketStart, row);
  }
  const providers = [...totals.keys()].sort();
  if (providers.length === 0) return <p>No calls in this period.</p>;
  const data = [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
  return (
    <>
      <div className="chart" role="img" aria-label="Share of successful calls per provider over time; the table below holds the totals" data-testid="uptime-chart">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="t" stroke="var(--muted)" fontSize={12} minTickGap={24} />
            <YAxis stroke="var(--muted)" fontSize={12} unit="%" domain={["auto", 100]} />
            <Tooltip formatter={(v: number) => `${v.toFixed(2)}%`} />
            <Legend />
            {providers.map((provider) => (
              <Line key={provider} dataKey={provider} name={provider || "(none)"} stroke={providerColour(provider)} dot={false} connectNulls={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Calls and share of successful calls per provider in the period</caption>
          <thead>
            <tr><th scope="col">Provider</th><th scope="col">Calls</th><th scope="col">Failed</th><th scope="col">Succeeded</th></tr>
          </thead>
          <tbody>
            {providers.map((provider) => {
              const { requests, failures } = totals.get(provider)!;
              const share = successShare(requests, failures);
              const id = slug(provider);
              return (
                <tr key={provider}>
                  <th scope="row">{provider || "(none)"}</th>
                  <td data-testid={`uptime-requests-${id}`} data-value={requests.toString()}>{formatLong(requests.toString())}</td>
                  <td data-testid={`uptime-failures-${id}`} data-value={failures.toString()}>{formatLong(failures.toString())}</td>
                  <td data-testid={`uptime-success-${id}`} data-value={share ?? ""}>{formatShare(share, 2)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
