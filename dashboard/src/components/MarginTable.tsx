import type { RevenueShare } from "../api/operations";
import { formatLong, formatPercent, formatUsd } from "../decimal";
import { slug } from "../views/common";

/**
 * Revenue and margin per value of a split, with the unit economics per call. Margin is over the billed calls we could
 * price, so the table says how many of the billed calls that is.
 */
export function MarginTable({ rows, dimension, caption }: { rows: RevenueShare[]; dimension: string; caption: string }) {
  const billed = rows.filter((r) => String(r.billedRequests) !== "0");
  if (billed.length === 0) return <p>No billed calls in this period.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{dimension}</th>
            <th scope="col">Revenue</th>
            <th scope="col">Margin</th>
            <th scope="col">Margin %</th>
            <th scope="col">Calls in margin / billed</th>
            <th scope="col">Revenue per call</th>
            <th scope="col">Margin per call</th>
          </tr>
        </thead>
        <tbody>
          {billed.map((r) => {
            const id = `${dimension.toLowerCase()}-${slug(r.key)}`;
            return (
              <tr key={r.key}>
                <th scope="row">{r.key || "(none)"}</th>
                <td data-testid={`revenue-${id}`} data-value={r.revenueUsd}>{formatUsd(r.revenueUsd)}</td>
                <td data-testid={`margin-${id}`} data-value={r.marginUsd ?? ""}>{formatUsd(r.marginUsd)}</td>
                <td data-testid={`margin-percent-${id}`} data-value={r.marginPercent ?? ""}>{formatPercent(r.marginPercent)}</td>
                <td data-testid={`margin-calls-${id}`} data-value={`${r.marginRequests}/${r.billedRequests}`}>
                  {formatLong(r.marginRequests)} / {formatLong(r.billedRequests)}
                </td>
                <td data-testid={`revenue-per-call-${id}`} data-value={r.revenuePerRequestUsd ?? ""}>{formatUsd(r.revenuePerRequestUsd)}</td>
                <td data-testid={`margin-per-call-${id}`} data-value={r.marginPerRequestUsd ?? ""}>{formatUsd(r.marginPerRequestUsd)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
