import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PATTERNS_QUERY, type PatternsResult } from "../api/operations";
import { Figure } from "../components/Figure";
import { OKABE_ITO } from "../components/palette";
import { EmptyUsage, ErrorList, Loading, Panel } from "../components/States";
import { formatLong, formatShare, toNumber } from "../decimal";
import { granularityFor, toUsageFilter } from "../state/filters";
import { useApiQuery } from "../state/useApiQuery";
import { bucketLabel, slug, type ViewProps } from "./common";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function Heatmap({ cells }: { cells: PatternsResult["usagePatterns"]["heatmap"] }) {
  const max = Math.max(1, ...cells.map((c) => toNumber(c.requests)));
  const at = new Map(cells.map((c) => [`${c.weekday}-${c.hour}`, c]));
  return (
    <div className="table-wrap">
      <table className="heatmap" data-testid="patterns-heatmap">
        <caption className="visually-hidden">Requests by weekday and UTC hour</caption>
        <thead>
          <tr>
            <th scope="col">UTC</th>
            {Array.from({ length: 24 }, (_, h) => (
              <th scope="col" key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day, i) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {Array.from({ length: 24 }, (_, h) => {
                const cell = at.get(`${i + 1}-${h}`);
                const requests = cell?.requests ?? "0";
                const intensity = toNumber(requests) / max;
                return (
                  <td
                    key={h}
                    data-testid={`heatmap-${i + 1}-${h}`}
                    data-value={requests}
                    title={`${day} ${h}:00 UTC: ${formatLong(requests)} requests`}
                    style={{ background: `rgba(0, 114, 178, ${intensity === 0 ? 0 : 0.12 + intensity * 0.88})` }}
                  >
                    <span className="visually-hidden">{formatLong(requests)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UsagePatternsView({ filters }: ViewProps) {
  const { data, errors, loading } = useApiQuery<PatternsResult>(PATTERNS_QUERY, { filter: toUsageFilter(filters), granularity: granularityFor(filters) });
  if (!data?.usagePatterns) return loading ? <Loading what="usage patterns" /> : <ErrorList errors={errors} />;
  const p = data.usagePatterns;
  const volume = data.volume.map((v) => ({ t: bucketLabel(v.bucketStart), requests: toNumber(v.requests) }));
  const lengths = p.promptLengths.map((b, i) => ({
    bucket: b.upToTokens == null ? `> ${formatLong(p.promptLengths[i - 1]?.upToTokens ?? "0")}` : `≤ ${formatLong(b.upToTokens)}`,
    requests: toNumber(b.requests),
  }));
  const total = data.volume.reduce((sum, v) => sum + BigInt(v.requests), 0n);
  const e = p.tokenEfficiency;
  return (
    <div className="view">
      <ErrorList errors={errors} />
      {total === 0n ? <EmptyUsage /> : null}
      <div className="figures">
        <Figure label="Requests" value={formatLong(total.toString())} raw={total.toString()} testId="patterns-requests" />
        <Figure
          label="Peak hours (UTC)"
          value={p.peakHours.map((h) => `${h.hour}:00`).join(", ") || "—"}
          raw={p.peakHours.map((h) => h.hour).join(",")}
          testId="patterns-peak-hours"
        />
        <Figure label="Estimate accuracy" value={formatShare(e.estimateAccuracy, 1)} raw={e.estimateAccuracy} testId="patterns-estimate-accuracy" hint={`${formatLong(e.estimatedCalls)} calls sent an estimate`} />
      </div>
      <div className="panels">
        <Panel title="Weekday × hour" wide>
          <Heatmap cells={p.heatmap} />
        </Panel>
        <Panel title="Request volume">
          <div className="chart">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={volume}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="t" stroke="var(--muted)" fontSize={12} minTickGap={24} />
                <YAxis stroke="var(--muted)" fontSize={12} />
                <Tooltip />
                <Line dataKey="requests" name="Requests" stroke={OKABE_ITO[2]} dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Prompt length (input tokens)">
          <div className="chart">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={lengths}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="bucket" stroke="var(--muted)" fontSize={11} />
                <YAxis stroke="var(--muted)" fontSize={12} />
                <Tooltip />
                <Bar dataKey="requests" name="Requests" fill={OKABE_ITO[1]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Token efficiency: output per input token">
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">Model</th><th scope="col">Input</th><th scope="col">Output</th><th scope="col">Output : input</th></tr>
              </thead>
              <tbody>
                {p.ratioByModel.map((r) => (
                  <tr key={r.model}>
                    <th scope="row">{r.model}</th>
                    <td data-testid={`ratio-input-${slug(r.model)}`} data-value={r.inputTokens}>{formatLong(r.inputTokens)}</td>
                    <td data-testid={`ratio-output-${slug(r.model)}`} data-value={r.outputTokens}>{formatLong(r.outputTokens)}</td>
                    <td data-testid={`ratio-${slug(r.model)}`} data-value={r.outputPerInput ?? ""}>{r.outputPerInput == null ? "—" : r.outputPerInput.toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      </div>
    </div>
  );
}
