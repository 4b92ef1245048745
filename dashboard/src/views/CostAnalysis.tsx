import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { COST_QUERY, type CostResult } from "../api/operations";
import type { CostShare } from "../api/types";
import { CostTable } from "../components/CostTable";
import { Figure } from "../components/Figure";
import { OKABE_ITO } from "../components/palette";
import { EmptyUsage, ErrorList, Loading, Panel } from "../components/States";
import { formatLong, formatUsd, toNumber } from "../decimal";
import { granularityFor, toUsageFilter } from "../state/filters";
import { useApiQuery } from "../state/useApiQuery";
import { bucketLabel, type ViewProps } from "./common";

// Keys and users can be many: the panels show the most expensive, the CSV export (by=api_key, by=user) has them all.
const TOP_CALLERS = 10;

function CostBars({ rows, colour, label, onPick }: { rows: CostShare[]; colour: string; label: string; onPick?: (key: string) => void }) {
  const data = rows.slice(0, 12).map((r) => ({ key: r.key || "(none)", cost: toNumber(r.costUsd) }));
  return (
    <div className="chart" role="img" aria-label={`${label}: bar chart; the table below holds the figures`}>
      <ResponsiveContainer width="100%" height={Math.max(160, data.length * 28 + 40)}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis type="number" stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => `$${v}`} />
          <YAxis type="category" dataKey="key" stroke="var(--muted)" fontSize={12} width={120} />
          <Tooltip formatter={(v: number) => `$${v.toFixed(4)}`} />
          <Bar dataKey="cost" name="Cost (USD)" fill={colour} isAnimationActive={false} cursor={onPick ? "pointer" : undefined}
            onClick={(entry: { key?: string }) => onPick && entry.key && entry.key !== "(none)" && onPick(entry.key)} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function CostAnalysis({ filters, drill }: ViewProps) {
  const { data, errors, loading } = useApiQuery<CostResult>(COST_QUERY, { filter: toUsageFilter(filters), granularity: granularityFor(filters) });
  if (!data?.overview) return loading ? <Loading what="costs" /> : <ErrorList errors={errors} />;
  // A bar or row narrows this view to its value: the figures behind it, split by the other dimensions.
  const narrow = (name: "models" | "features" | "providers" | "teams") => (drill ? (key: string) => drill({ [name]: [key] }) : undefined);
  const trend = data.trend.map((p) => ({ t: bucketLabel(p.bucketStart), cost: toNumber(p.costUsd) }));
  return (
    <div className="view">
      <ErrorList errors={errors} />
      {data.byModel.length === 0 ? <EmptyUsage /> : null}
      <div className="figures">
        <Figure label="Total spend" value={formatUsd(data.overview.totalCostUsd)} raw={data.overview.totalCostUsd} testId="costs-total-cost" />
        <Figure label="Tokens" value={formatLong(data.overview.totalTokens)} raw={data.overview.totalTokens} testId="costs-total-tokens" />
        <Figure label="Cost per 1M tokens" value={formatUsd(data.overview.costPer1MTokensUsd)} raw={data.overview.costPer1MTokensUsd} testId="costs-per-1m-tokens" />
      </div>
      <div className="panels">
        <Panel title="Cost trend" wide>
          <div className="chart">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={trend}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                <XAxis dataKey="t" stroke="var(--muted)" fontSize={12} minTickGap={24} />
                <YAxis stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => `$${v}`} />
                <Tooltip formatter={(v: number) => `$${v.toFixed(4)}`} />
                <Line dataKey="cost" name="Cost (USD)" stroke={OKABE_ITO[0]} dot={false} strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Panel>
        <Panel title="Cost by model">
          <CostBars rows={data.byModel} colour={OKABE_ITO[0]} label="Cost by model" onPick={narrow("models")} />
          <CostTable rows={data.byModel} dimension="Model" caption="Cost by model" onPick={narrow("models")} />
        </Panel>
        <Panel title="Cost by feature">
          <CostBars rows={data.byFeature} colour={OKABE_ITO[1]} label="Cost by feature" onPick={narrow("features")} />
          <CostTable rows={data.byFeature} dimension="Feature" caption="Cost by feature" onPick={narrow("features")} />
        </Panel>
        <Panel title="Cost by provider">
          <CostTable rows={data.byProvider} dimension="Provider" caption="Cost by provider" onPick={narrow("providers")} />
        </Panel>
        <Panel title="Cost by team">
          <CostTable rows={data.byTeam} dimension="Team" caption="Cost by team" onPick={narrow("teams")} />
        </Panel>
        <Panel title="Top API keys">
          <p className="note" id="callers">Per API key id and per end user, over the whole UTC days of the period; the top {TOP_CALLERS} of each.</p>
          <CostTable rows={data.byApiKey.slice(0, TOP_CALLERS)} dimension="API key" caption="Cost by API key" />
        </Panel>
        <Panel title="Top users">
          <CostTable rows={data.byUser.slice(0, TOP_CALLERS)} dimension="User" caption="Cost by end user" />
        </Panel>
      </div>
    </div>
  );
}
