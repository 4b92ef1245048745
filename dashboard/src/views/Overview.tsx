import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OVERVIEW_QUERY, type OverviewResult } from "../api/operations";
import { Figure } from "../components/Figure";
import { BudgetGauge } from "../components/Gauge";
import { OKABE_ITO } from "../components/palette";
import { EmptyUsage, ErrorList, Loading, Panel } from "../components/States";
import { formatLong, formatMs, formatPercentChange, formatShare, formatUsd, toNumber } from "../decimal";
import { granularityFor, searchFor, toUsageFilter } from "../state/filters";
import { useApiQuery } from "../state/useApiQuery";
import { bucketLabel, hasUsage, type ViewProps } from "./common";
import { RecommendationList } from "./RecommendationList";

export function Overview({ filters }: ViewProps) {
  const { data, errors, loading } = useApiQuery<OverviewResult>(OVERVIEW_QUERY, {
    filter: toUsageFilter(filters),
    granularity: granularityFor(filters),
  });
  if (!data?.overview) return loading ? <Loading what="the overview" /> : <ErrorList errors={errors} />;
  const o = data.overview;
  const change = o.costChangePercent;
  const trend = data.trend.map((p) => ({ t: bucketLabel(p.bucketStart), cost: toNumber(p.costUsd) }));
  const fieldErrors = errors.filter((e) => e.extensions?.code !== "FORBIDDEN");

  return (
    <div className="view">
      <ErrorList errors={fieldErrors} />
      {!hasUsage(o.requests) ? <EmptyUsage /> : null}
      <div className="figures">
        <Figure
          label="Total spend"
          value={formatUsd(o.totalCostUsd)}
          raw={o.totalCostUsd}
          testId="overview-total-cost"
          hint={
            <span data-testid="overview-cost-change" data-value={change ?? ""} className={change && !change.startsWith("-") ? "up" : "down"}>
              {change == null ? "no spend in the previous period" : `${formatPercentChange(change)} vs previous period`}
            </span>
          }
        />
        <Figure label="Requests" value={formatLong(o.requests)} raw={o.requests} testId="overview-requests" />
        <Figure label="Avg cost / request" value={formatUsd(o.averageCostPerRequestUsd)} raw={o.averageCostPerRequestUsd} testId="overview-average-cost" />
        <Figure label="Projected month-end" value={formatUsd(o.projectedMonthEndUsd)} raw={o.projectedMonthEndUsd} testId="overview-projected-month-end" />
        <Figure label="Projected annual" value={formatUsd(o.projectedAnnualUsd)} raw={o.projectedAnnualUsd} testId="overview-projected-annual" />
        <Figure label="Success rate" value={formatShare(o.successRate, 2)} raw={o.successRate} testId="overview-success-rate" />
        <Figure label="p95 latency" value={formatMs(o.p95LatencyMs)} raw={o.p95LatencyMs} testId="overview-p95-latency" />
        <Figure
          label="Optimisation potential / month"
          value={formatUsd(o.optimisationPotentialUsd)}
          raw={o.optimisationPotentialUsd}
          testId="overview-optimisation-potential"
          hint={o.optimisationPotentialUsd == null ? "not computed yet, or not for a team key" : undefined}
        />
        <Figure label="Documented savings" value={formatUsd(o.documentedSavingsUsd)} raw={o.documentedSavingsUsd} testId="overview-documented-savings" />
      </div>
      {o.unpricedRequests !== "0" ? (
        <p className="note" data-testid="overview-unpriced" data-value={o.unpricedRequests}>
          {formatLong(o.unpricedRequests)} calls used models without a known price: counted, never costed as $0. An admin can set a price.
        </p>
      ) : null}
      <div className="panels">
        <Panel title="Cost trend" wide>
          {trend.length === 0 ? (
            <p>No buckets in this period.</p>
          ) : (
            <div className="chart" data-testid="overview-trend-chart">
              <ResponsiveContainer width="100%" height={240}>
                <LineChart data={trend} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
                  <XAxis dataKey="t" stroke="var(--muted)" fontSize={12} minTickGap={24} />
                  <YAxis stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => `$${v}`} />
                  <Tooltip formatter={(v: number) => `$${v.toFixed(4)}`} />
                  <Line type="monotone" dataKey="cost" name="Cost (USD)" stroke={OKABE_ITO[0]} dot={false} strokeWidth={2} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </Panel>
        <Panel title="Budgets">
          {data.budgets.length === 0 ? (
            <p data-testid="overview-no-budgets">No budgets yet. An admin can define one under Budgets.</p>
          ) : (
            data.budgets.map((b) => <BudgetGauge key={b.budgetId} budget={b} />)
          )}
          <p className="note">
            <a href={`${searchFor("costs", filters)}#callers`}>Spend per API key and end user</a>
          </p>
        </Panel>
        <Panel title="Top recommendations">
          {data.recommendations == null ? (
            <p>Recommendations cover every team, so a team-scoped key cannot read them.</p>
          ) : (
            <RecommendationList items={data.recommendations.slice(0, 5)} />
          )}
        </Panel>
      </div>
    </div>
  );
}
