import { Fragment, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import {
  ACCEPT_RECOMMENDATION,
  DISMISS_RECOMMENDATION,
  RECOMMENDATIONS_QUERY,
  SNOOZE_RECOMMENDATION,
  TEST_RECOMMENDATION,
  type RecommendationsResult,
} from "../api/operations";
import type { Recommendation } from "../api/types";
import { Empty, ErrorList, Loading } from "../components/States";
import { formatDecimal, formatMs, formatShare, formatUsd } from "../decimal";
import { useSession } from "../state/session";
import { useApiQuery } from "../state/useApiQuery";
import type { ViewProps } from "./common";
import { DismissForm, SnoozeForm, TestPromptsForm, type RecommendationAction } from "./RecommendationForms";

const OPEN = new Set(["suggested", "tested", "snoozed"]);

function TestResult({ r }: { r: Recommendation }) {
  const t = r.lastTest;
  if (!t) return <span className="muted">not tested</span>;
  return (
    <span data-testid={`test-result-${r.id}`}>
      {t.prompts} prompts · agreement {formatShare(t.meanAgreement, 0)} · {formatMs(t.current.averageLatencyMs)} → {formatMs(t.candidate.averageLatencyMs)} ·{" "}
      {formatUsd(t.current.totalCostUsd)} → {formatUsd(t.candidate.totalCostUsd)}
    </span>
  );
}

export function ModelOptimisation({ filters, role }: ViewProps) {
  const { client } = useSession();
  const feature = filters.features.length === 1 ? filters.features[0] : null;
  const { data, errors, loading, refetch } = useApiQuery<RecommendationsResult>(RECOMMENDATIONS_QUERY, { feature });
  const [actionErrors, setActionErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [showClosed, setShowClosed] = useState(false);
  const [open, setOpen] = useState<{ id: string; action: RecommendationAction } | null>(null);
  // Keyboard users continue from the button that opened a form once it closes.
  const opener = useRef<string | null>(null);
  useEffect(() => {
    if (open || !opener.current) return;
    document.querySelector<HTMLElement>(`[data-testid="${opener.current}"]`)?.focus();
    opener.current = null;
  }, [open]);
  const show = (id: string, action: RecommendationAction) => {
    opener.current = `${action}-${id}`;
    setOpen({ id, action });
  };
  const isAdmin = role === "admin";
  const columns = isAdmin ? 9 : 8;

  const act = async (id: string, query: string, variables: Record<string, unknown>) => {
    setBusy(id);
    try {
      await client.request(query, { id, ...variables });
      setActionErrors([]);
      setOpen(null);
      refetch();
    } catch (error) {
      setActionErrors([error instanceof ApiError ? error : new ApiError(0, [{ message: String(error) }])]);
    } finally {
      setBusy(null);
    }
  };

  if (!data) return loading ? <Loading what="recommendations" /> : <ErrorList errors={errors} />;
  const rows = data.recommendations.filter((r) => showClosed || OPEN.has(r.status));
  return (
    <div className="view">
      <ErrorList errors={[...errors, ...actionErrors.flatMap((e) => e.errors)]} />
      <label className="inline">
        <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> Show accepted, dismissed and withdrawn
      </label>
      {rows.length === 0 ? (
        <Empty testId="no-recommendations">
          <p>No recommendations{feature ? ` for ${feature}` : ""}. The Recommendations service needs at least 10 calls per feature × model in the last 30 days, and recomputes every 15 minutes.</p>
        </Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="recommendations-table">
            <caption className="visually-hidden">Recommendations, largest saving first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Feature</th>
                <th scope="col">Current → candidate</th>
                <th scope="col">Saving / month</th>
                <th scope="col">Quality impact</th>
                <th scope="col">Confidence</th>
                <th scope="col">Status</th>
                <th scope="col">Last test</th>
                {isAdmin ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Fragment key={r.id}>
                  <tr data-testid={`recommendation-row-${r.id}`}>
                    <td>{r.rank ?? "—"}</td>
                    <td>{r.feature}</td>
                    <td>
                      <div>
                        {r.provider}/{r.model} → {r.candidateModel ? `${r.candidateProvider ?? r.provider}/${r.candidateModel}` : r.kind.replace(/_/g, " ")}
                      </div>
                      <div className="muted small">{r.change}</div>
                    </td>
                    <td>
                      <span data-testid={`recommendation-saving-${r.id}`} data-value={r.monthlySavingUsd}>{formatUsd(r.monthlySavingUsd)}</span>
                      <span className="muted small"> ({formatDecimal(r.savingPercent, 1)}%)</span>
                      {r.realisedSavingUsd != null ? (
                        <div className="small" data-testid={`recommendation-realised-${r.id}`} data-value={r.realisedSavingUsd}>
                          realised {formatUsd(r.realisedSavingUsd)}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {r.qualityImpact}
                      {r.qualityDelta != null ? <span className="muted small"> ({r.qualityDelta > 0 ? "+" : ""}{r.qualityDelta.toFixed(1)})</span> : null}
                    </td>
                    <td data-testid={`recommendation-confidence-${r.id}`} data-value={r.confidence}>
                      {r.confidenceLabel} ({formatShare(r.confidence, 0)})
                    </td>
                    <td data-testid={`recommendation-status-${r.id}`}>
                      {r.status}
                      {r.status === "snoozed" && r.snoozedUntil ? <div className="muted small">until {r.snoozedUntil.slice(0, 10)}</div> : null}
                    </td>
                    <td className="small"><TestResult r={r} /></td>
                    {isAdmin ? (
                      <td className="actions">
                        {OPEN.has(r.status) ? (
                          <>
                            <button disabled={busy === r.id} onClick={() => act(r.id, ACCEPT_RECOMMENDATION, {})} data-testid={`accept-${r.id}`}>
                              Accept
                            </button>
                            <button disabled={busy === r.id} onClick={() => show(r.id, "dismiss")} data-testid={`dismiss-${r.id}`}>
                              Dismiss
                            </button>
                            <button disabled={busy === r.id} onClick={() => show(r.id, "snooze")} data-testid={`snooze-${r.id}`}>
                              Snooze
                            </button>
                            {r.candidateModel ? (
                              <button disabled={busy === r.id} onClick={() => show(r.id, "test")} data-testid={`test-${r.id}`}>
                                Test
                              </button>
                            ) : null}
                          </>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                  {isAdmin && open?.id === r.id ? (
                    <tr className="form-row">
                      <td colSpan={columns}>
                        {open.action === "dismiss" ? (
                          <DismissForm recommendation={r} busy={busy === r.id} onCancel={() => setOpen(null)} onSubmit={(v) => act(r.id, DISMISS_RECOMMENDATION, v)} />
                        ) : open.action === "snooze" ? (
                          <SnoozeForm recommendation={r} busy={busy === r.id} onCancel={() => setOpen(null)} onSubmit={(v) => act(r.id, SNOOZE_RECOMMENDATION, v)} />
                        ) : (
                          <TestPromptsForm recommendation={r} busy={busy === r.id} onCancel={() => setOpen(null)} onSubmit={(v) => act(r.id, TEST_RECOMMENDATION, v)} />
                        )}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
