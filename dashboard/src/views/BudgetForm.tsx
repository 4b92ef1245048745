import { useState, type FormEvent } from "react";
import type { BudgetInput, BudgetStatus } from "../api/types";

const SCOPES = ["organization", "team", "feature", "model", "provider", "user", "apiKey"];
const PERIODS = ["day", "week", "month"];

interface BudgetFormProps {
  budget?: BudgetStatus;
  busy: boolean;
  onSubmit: (input: BudgetInput) => void;
  onCancel: () => void;
}

/** Define or edit a budget (admins). Amounts stay strings: they are sent as the Decimal the API takes. */
export function BudgetForm({ budget, busy, onSubmit, onCancel }: BudgetFormProps) {
  const [name, setName] = useState(budget?.name ?? "");
  const [scopeKind, setScopeKind] = useState(budget?.scopeKind ?? "organization");
  const [scopeValue, setScopeValue] = useState(budget?.scopeValue ?? "");
  const [amountUsd, setAmount] = useState(budget?.amountUsd ?? "");
  const [period, setPeriod] = useState(budget?.period ?? "month");
  const [resetDay, setResetDay] = useState(String(budget?.resetDay ?? 1));
  const [thresholds, setThresholds] = useState((budget?.thresholdsPercent ?? ["80", "100"]).join(", "));
  const [webhookUrl, setWebhookUrl] = useState(budget?.webhookUrl ?? "");
  const prefix = budget ? `edit-${budget.budgetId}` : "new-budget";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      name: name.trim(),
      scopeKind,
      scopeValue: scopeKind === "organization" ? null : scopeValue.trim() || null,
      amountUsd: amountUsd.trim(),
      period,
      resetDay: Number(resetDay) || 1,
      thresholdsPercent: thresholds.split(",").map((t) => t.trim()).filter(Boolean),
      webhookUrl: webhookUrl.trim() || null,
    });
  };

  return (
    <form className="card budget-form" onSubmit={submit} aria-label={budget ? `Edit ${budget.name}` : "Define a budget"} data-testid={`${prefix}-form`}>
      <div className="field">
        <label htmlFor={`${prefix}-name`}>Name</label>
        <input id={`${prefix}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-scope`}>Scope</label>
        <select id={`${prefix}-scope`} value={scopeKind} onChange={(e) => setScopeKind(e.target.value)}>
          {SCOPES.map((s) => <option key={s}>{s}</option>)}
        </select>
      </div>
      {scopeKind !== "organization" ? (
        <div className="field">
          <label htmlFor={`${prefix}-scope-value`}>{scopeKind}</label>
          <input id={`${prefix}-scope-value`} value={scopeValue} onChange={(e) => setScopeValue(e.target.value)} required />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${prefix}-amount`}>Amount (USD)</label>
        <input id={`${prefix}-amount`} inputMode="decimal" pattern="\d+(\.\d+)?" value={amountUsd} onChange={(e) => setAmount(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-period`}>Period</label>
        <select id={`${prefix}-period`} value={period} onChange={(e) => setPeriod(e.target.value)}>
          {PERIODS.map((p) => <option key={p}>{p}</option>)}
        </select>
      </div>
      {period !== "day" ? (
        <div className="field">
          <label htmlFor={`${prefix}-reset`}>{period === "week" ? "Resets on weekday (1 = Monday)" : "Resets on day of month (1–28)"}</label>
          <input id={`${prefix}-reset`} type="number" min={1} max={period === "week" ? 7 : 28} value={resetDay} onChange={(e) => setResetDay(e.target.value)} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${prefix}-thresholds`}>Alert thresholds (%)</label>
        <input id={`${prefix}-thresholds`} value={thresholds} onChange={(e) => setThresholds(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-webhook`}>Webhook URL (optional)</label>
        <input id={`${prefix}-webhook`} type="url" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>{budget ? "Save" : "Define budget"}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
