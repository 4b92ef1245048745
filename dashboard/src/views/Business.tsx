import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { BUSINESS_QUERY, type BusinessResult } from "../api/operations";
import { Figure } from "../components/Figure";
import { MarginTable } from "../components/MarginTable";
import { OKABE_ITO } from "../components/palette";
import { ReportedCostTable } from "../components/ReportedCostTable";
import { EmptyUsage, ErrorList, Loading, Panel } from "../components/States";
import { formatLong, formatPercent, formatUsd, toNumber } from "../decimal";
import { toUsageFilter } from "../state/filters";
import { useApiQuery } from "../state/useApiQuery";
import { bucketLabel, hasUsage, type ViewProps } from "./common";

/** Daily revenue against cost as bars, with the exact figures in a table below. */
function DailyRevenue({ days }: { days: BusinessResult["daily"] }) {
  const data = days.map((d) => ({ t: bucketLabel(d.bucketStart), revenue: toNumber(d.revenueUsd), cost: toNumber(d.costUsd) }));
  return (
    <>
      <div className="chart" role="img" aria-label="Revenue and cost per UTC day: bar chart; the table below holds the figures">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="t" stroke="var(--muted)" fontSize={12} minTickGap={24} />
            <YAxis stroke="var(--muted)" fontSize={12} tickFormatter={(v: number) => `$${v}`} />
            <Tooltip formatter={(v: number) => `$${v.toFixed(4)}`} />
            <Legend />
            <Bar dataKey="revenue" name="Revenue (USD)" fill={OKABE_ITO[2]} isAnimationActive={false} />
            <Bar dataKey="cost" name="Cost (USD)" fill={OKABE_ITO[0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Revenue, cost and margin per UTC day</caption>
          <thead>
            <tr><th scope="col">Day</th><th scope="col">Revenue</th><th scope="col">Cost</th><th scope="col">Margin</th><th scope="col">Margin %</th></tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => {
              const day = d.bucketStart.slice(0, 10);
              return (
                <tr key={d.bucketStart}>
                  <th scope="row">{day}</th>
                  <td data-testid={`daily-revenue-${day}`} data-value={d.revenueUsd}>{formatUsd(d.revenueUsd)}</td>
                  <td data-testid={`daily-cost-${day}`} data-value={d.costUsd}>{formatUsd(d.costUsd)}</td>
                  <td data-testid={`daily-margin-${day}`} data-value={d.marginUsd ?? ""}>{formatUsd(d.marginUsd)}</td>
                  <td data-testid={`daily-margin-percent-${day}`} data-value={d.marginPercent ?? ""}>{formatPercent(d.marginPercent)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * Business & margin (seed 002's business dashboard): revenue (what the calls' billedAmountUsd say customers were billed)
 * against our cost, margin over the billed calls we could price, the unit economics per call by model and feature, and
 * where the provider's reported cost disagrees with our price list.
 */
export function Business({ filters }: ViewProps) {
  const { data, errors, loading } = useApiQuery<BusinessResult>(BUSINESS_QUERY, { filter: toUsageFilter(filters) });
  if (!data?.overview) return loading ? <Loading what="revenue" /> : <ErrorList errors={errors} />;
  const o = data.overview;
  return (
    <div className="view">
      <ErrorList errors={errors} />
      {!hasUsage(o.requests) ? <EmptyUsage /> : null}
      <div className="figures">
        <Figure label="Revenue" value={formatUsd(o.revenueUsd)} raw={o.revenueUsd} testId="business-revenue" />
        <Figure label="Cost" value={formatUsd(o.totalCostUsd)} raw={o.totalCostUsd} testId="business-cost" />
        <Figure
          label="Margin"
          value={formatUsd(o.marginUsd)}
          raw={o.marginUsd}
          testId="business-margin"
          hint={`over ${formatLong(o.marginRequests)} of ${formatLong(o.billedRequests)} billed calls (those we could price)`}
        />
        <Figure label="Margin %" value={formatPercent(o.marginPercent)} raw={o.marginPercent} testId="business-margin-percent" />
        <Figure label="Revenue / billed call" value={formatUsd(o.revenuePerRequestUsd)} raw={o.revenuePerRequestUsd} testId="business-revenue-per-call" />
        <Figure label="Margin / call" value={formatUsd(o.marginPerRequestUsd)} raw={o.marginPerRequestUsd} testId="business-margin-per-call" />
      </div>
      <div className="panels">
        <Panel title="Daily revenue" wide>
          <DailyRevenue days={data.daily} />
        </Panel>
        <Panel title="Margin by model">
          <MarginTable rows={data.byModel} dimension="Model" caption="Revenue and margin by model" />
        </Panel>
        <Panel title="Margin by feature">
          <MarginTable rows={data.byFeature} dimension="Feature" caption="Revenue and margin by feature" />
        </Panel>
        <Panel title="Provider-reported vs computed cost" wide>
          <ReportedCostTable rows={data.reportedCost} />
        </Panel>
      </div>
    </div>
  );
}
