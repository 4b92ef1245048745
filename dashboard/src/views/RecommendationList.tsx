import type { Recommendation } from "../api/types";
import { formatUsd } from "../decimal";

export function RecommendationList({ items }: { items: Recommendation[] }) {
  if (items.length === 0)
    return <p data-testid="no-recommendations">No open recommendations: they appear once a feature × model has at least 10 calls and a cheaper option fits.</p>;
  return (
    <ol className="recs">
      {items.map((r) => (
        <li key={r.id} data-testid={`recommendation-${r.id}`}>
          <span className="rec-change">{r.change}</span>
          <span className="num" data-testid={`recommendation-saving-${r.id}`} data-value={r.monthlySavingUsd}>
            {formatUsd(r.monthlySavingUsd)}/mo
          </span>
        </li>
      ))}
    </ol>
  );
}
