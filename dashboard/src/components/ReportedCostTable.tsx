import type { ReportedCostDifference } from "../api/types";
import { formatLong, formatPercentChange, formatUsdExact } from "../decimal";
import { slug } from "../views/common";

/**
 * The provider's reported cost against ours (to the millionth of a dollar: a per-call price error hides under a cent), per UTC day and model: where the price list and the bill disagree. Both
 * costs are over the calls that reported one and that we could price ("compared"). Latest day first.
 */
export function ReportedCostTable({ rows }: { rows: ReportedCostDifference[] }) {
  if (rows.length === 0) return <p>No calls reported the provider's cost in this period (send reportedCostUsd with a record to compare).</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Provider-reported cost against our computed cost per day and model</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Model</th>
            <th scope="col">Calls compared / reported</th>
            <th scope="col">Provider reported</th>
            <th scope="col">Our price list</th>
            <th scope="col">Difference</th>
            <th scope="col">Difference %</th>
          </tr>
        </thead>
        <tbody>
          {[...rows].sort((a, b) => b.day.localeCompare(a.day)).map((r) => {
            const day = r.day.slice(0, 10);
            const id = `${day}-${slug(r.provider)}-${slug(r.model)}`;
            const agrees = String(r.comparedRequests) === "0" || /^-?0(\.0*)?$/.test(r.differenceUsd);
            return (
              <tr key={id} className={agrees ? undefined : "disagrees"} data-testid={`reported-row-${id}`} data-agrees={String(agrees)}>
                <th scope="row">{day}</th>
                <td>{r.provider}/{r.model}</td>
                <td data-testid={`reported-calls-${id}`} data-value={`${r.comparedRequests}/${r.reportedRequests}`}>
                  {formatLong(r.comparedRequests)} / {formatLong(r.reportedRequests)}
                </td>
                <td data-testid={`reported-cost-${id}`} data-value={r.reportedCostUsd}>{formatUsdExact(r.reportedCostUsd)}</td>
                <td data-testid={`computed-cost-${id}`} data-value={r.computedCostUsd}>{formatUsdExact(r.computedCostUsd)}</td>
                <td data-testid={`difference-${id}`} data-value={r.differenceUsd}>{formatUsdExact(r.differenceUsd)}</td>
                <td data-testid={`difference-percent-${id}`} data-value={r.differencePercent ?? ""}>{formatPercentChange(r.differencePercent)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
