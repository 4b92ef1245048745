import type { CostShare } from "../api/types";
import { divideDecimal, formatLong, formatPercentChange, formatShare, formatUsd } from "../decimal";
import { slug } from "../views/common";

interface CostTableProps {
  rows: CostShare[];
  dimension: string;
  caption: string;
  /** When given, each row's value is a link that narrows the view to it (drill-down). */
  onPick?: (key: string) => void;
}

/** One breakdown as a table: the exact figures behind a chart. */
export function CostTable({ rows, dimension, caption, onPick }: CostTableProps) {
  if (rows.length === 0) return <p>No cost in this period.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{dimension}</th>
            <th scope="col">Cost</th>
            <th scope="col">Share</th>
            <th scope="col">Requests</th>
            <th scope="col">Per 1M tokens</th>
            <th scope="col">Trend</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const id = `${slug(dimension.toLowerCase())}-${slug(r.key)}`;
            const per1M = divideDecimal(r.costUsd, r.totalTokens, 1_000_000n, 6);
            return (
              <tr key={r.key}>
                <th scope="row">
                  {onPick && r.key ? (
                    <a href="#" data-testid={`drill-${id}`} onClick={(e) => { e.preventDefault(); onPick(r.key); }}>{r.key}</a>
                  ) : (
                    r.key || "(none)"
                  )}
                </th>
                <td data-testid={`cost-${id}`} data-value={r.costUsd}>{formatUsd(r.costUsd)}</td>
                <td data-testid={`share-${id}`} data-value={r.share}>{formatShare(r.share)}</td>
                <td data-testid={`requests-${id}`} data-value={r.requests}>{formatLong(r.requests)}</td>
                <td data-testid={`per1m-${id}`} data-value={per1M ?? ""}>{formatUsd(per1M)}</td>
                <td data-testid={`trend-${id}`} data-value={r.trendPercent ?? ""}>{formatPercentChange(r.trendPercent)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
