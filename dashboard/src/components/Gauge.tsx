import { formatDecimal, formatUsd, toNumber } from "../decimal";
import type { BudgetStatus } from "../api/types";

/** green under the first threshold, amber from it, red from the last (or over 100%). */
export function budgetLevel(budget: Pick<BudgetStatus, "percentUsed" | "thresholdsPercent">): "ok" | "warning" | "over" {
  const used = toNumber(budget.percentUsed);
  const thresholds = budget.thresholdsPercent.map(toNumber).sort((a, b) => a - b);
  const last = thresholds.length > 0 ? thresholds[thresholds.length - 1] : 100;
  const first = thresholds.length > 0 ? thresholds[0] : 80;
  if (used >= Math.min(last, 100)) return "over";
  if (used >= first) return "warning";
  return "ok";
}

const LABELS = { ok: "on track", warning: "threshold reached", over: "over budget" };

export function BudgetGauge({ budget }: { budget: BudgetStatus }) {
  const level = budgetLevel(budget);
  const used = Math.max(0, Math.min(100, toNumber(budget.percentUsed)));
  const id = budget.budgetId;
  return (
    <div className={`gauge gauge-${level}`} data-testid={`budget-gauge-${id}`} data-level={level}>
      <div className="gauge-head">
        <span className="gauge-name">{budget.name}</span>
        <span className="num" data-testid={`budget-percent-${id}`} data-value={budget.percentUsed}>
          {formatDecimal(budget.percentUsed, 1)}%
        </span>
      </div>
      <div
        className="gauge-track"
        role="meter"
        aria-label={`${budget.name}: ${formatDecimal(budget.percentUsed, 1)}% used, ${LABELS[level]}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={used}
      >
        <div className="gauge-fill" style={{ width: `${used}%` }} />
        {budget.thresholdsPercent.map((t) => (
          <div key={t} className="gauge-mark" style={{ left: `${Math.min(100, toNumber(t))}%` }} title={`${t}%`} />
        ))}
      </div>
      <div className="gauge-foot">
        <span data-testid={`budget-spent-${id}`} data-value={budget.spentUsd}>
          {formatUsd(budget.spentUsd)}
        </span>{" "}
        of <span data-value={budget.amountUsd}>{formatUsd(budget.amountUsd)}</span> · {budget.period} ·{" "}
        <span className="level-word">{LABELS[level]}</span>
      </div>
    </div>
  );
}
