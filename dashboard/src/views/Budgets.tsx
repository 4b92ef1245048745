import { useState } from "react";
import { ApiError } from "../api/client";
import { BUDGETS_QUERY, CHANGE_BUDGET, DEFINE_BUDGET, REMOVE_BUDGET, type BudgetsResult } from "../api/operations";
import type { BudgetInput } from "../api/types";
import { BudgetGauge } from "../components/Gauge";
import { Empty, ErrorList, Loading } from "../components/States";
import { formatDecimal, formatUsd } from "../decimal";
import { useSession } from "../state/session";
import { useApiQuery } from "../state/useApiQuery";
import { BudgetForm } from "./BudgetForm";
import type { ViewProps } from "./common";

export function Budgets({ role }: ViewProps) {
  const { client } = useSession();
  const { data, errors, loading, refetch } = useApiQuery<BudgetsResult>(BUDGETS_QUERY, {});
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const isAdmin = role === "admin";

  const run = async (query: string, variables: Record<string, unknown>) => {
    setBusy(true);
    try {
      await client.request(query, variables);
      setActionError(null);
      setEditing(null);
      refetch();
    } catch (error) {
      setActionError(error instanceof ApiError ? error : new ApiError(0, [{ message: String(error) }]));
    } finally {
      setBusy(false);
    }
  };

  if (!data) return loading ? <Loading what="budgets" /> : <ErrorList errors={errors} />;
  return (
    <div className="view">
      <ErrorList errors={[...errors, ...(actionError?.errors ?? [])]} />
      {isAdmin && editing !== "new" ? (
        <button onClick={() => setEditing("new")} data-testid="budget-define">Define a budget</button>
      ) : null}
      {isAdmin && editing === "new" ? (
        <BudgetForm busy={busy} onCancel={() => setEditing(null)} onSubmit={(budget: BudgetInput) => run(DEFINE_BUDGET, { budget })} />
      ) : null}
      {data.budgets.length === 0 ? (
        <Empty testId="no-budgets">
          <p>No budgets yet. {isAdmin ? "Define one above: spend is tracked from its period's start, with alerts at its thresholds." : "An admin key can define them."}</p>
        </Empty>
      ) : (
        <div className="budget-list">
          {data.budgets.map((b) => (
            <section key={b.budgetId} className="card" aria-label={b.name} data-testid={`budget-${b.budgetId}`}>
              <BudgetGauge budget={b} />
              <dl className="budget-facts">
                <dt>Scope</dt>
                <dd>{b.scopeKind}{b.scopeValue ? `: ${b.scopeValue}` : ""}</dd>
                <dt>Remaining</dt>
                <dd data-testid={`budget-remaining-${b.budgetId}`} data-value={b.remainingUsd}>{formatUsd(b.remainingUsd)}</dd>
                <dt>Forecast for the period</dt>
                <dd data-testid={`budget-projected-${b.budgetId}`} data-value={b.projectedSpendUsd}>{formatUsd(b.projectedSpendUsd)}</dd>
                <dt>Days remaining</dt>
                <dd>{b.daysRemaining.toFixed(1)}</dd>
                <dt>Period</dt>
                <dd>{b.periodStart.slice(0, 10)} → {b.periodEnd.slice(0, 10)}</dd>
              </dl>
              <h3>Alerts this period</h3>
              {b.alerts.length === 0 ? (
                <p className="muted">No threshold reached yet.</p>
              ) : (
                <ul className="plain">
                  {b.alerts.map((a) => (
                    <li key={a.thresholdPercent}>
                      {formatDecimal(a.thresholdPercent, 0)}% reached {a.crossedAt.slice(0, 16).replace("T", " ")} UTC at {formatUsd(a.spentUsd)}
                    </li>
                  ))}
                </ul>
              )}
              {isAdmin ? (
                editing === b.budgetId ? (
                  <BudgetForm budget={b} busy={busy} onCancel={() => setEditing(null)} onSubmit={(budget) => run(CHANGE_BUDGET, { budgetId: b.budgetId, budget })} />
                ) : (
                  <div className="actions">
                    <button onClick={() => setEditing(b.budgetId)} data-testid={`budget-edit-${b.budgetId}`}>Edit</button>
                    <button
                      onClick={() => window.confirm(`Remove the budget “${b.name}”?`) && run(REMOVE_BUDGET, { budgetId: b.budgetId })}
                      data-testid={`budget-remove-${b.budgetId}`}
                    >
                      Remove
                    </button>
                  </div>
                )
              ) : null}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
