import { useEffect, useRef, useState } from "react";
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
import { formatUsd } from "../decimal";
import { useSession } from "../state/session";
import { useApiQuery } from "../state/useApiQuery";
import type { ViewProps } from "./common";
import { FeatureGroupCard, OPEN } from "./optimisation/FeatureGroupCard";
import { groupByFeature, pageOf } from "./optimisation/featureGroups";
import type { MenuChoice } from "./optimisation/RecommendationMenu";
import { DismissForm, SnoozeForm, TestPromptsForm, type RecommendationAction } from "./RecommendationForms";

/** Features per page: with demo traffic a page stays a few screens tall. */
export const FEATURES_PER_PAGE = 5;

export function ModelOptimisation({ filters, role }: ViewProps) {
  const { client } = useSession();
  const feature = filters.features.length === 1 ? filters.features[0] : null;
  const { data, errors, loading, refetch } = useApiQuery<RecommendationsResult>(RECOMMENDATIONS_QUERY, { feature });
  const [actionErrors, setActionErrors] = useState<ApiError[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [showClosed, setShowClosed] = useState(false);
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<{ id: string; action: RecommendationAction } | null>(null);
  // Keyboard users continue from the menu that opened a form once it closes.
  const opener = useRef<string | null>(null);
  useEffect(() => {
    if (open || !opener.current) return;
    document.querySelector<HTMLElement>(`[data-testid="actions-${opener.current}"]`)?.focus();
    opener.current = null;
  }, [open]);
  useEffect(() => setPage(0), [feature, showClosed]);
  const isAdmin = role === "admin";

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
  const choose = (r: Recommendation, choice: MenuChoice) => {
    if (choice === "accept") return void act(r.id, ACCEPT_RECOMMENDATION, {});
    opener.current = r.id;
    setOpen({ id: r.id, action: choice });
  };
  const formFor = (r: Recommendation) => {
    if (open?.id !== r.id) return null;
    const common = { recommendation: r, busy: busy === r.id, onCancel: () => setOpen(null) };
    if (open.action === "dismiss") return <DismissForm {...common} onSubmit={(v) => act(r.id, DISMISS_RECOMMENDATION, v)} />;
    if (open.action === "snooze") return <SnoozeForm {...common} onSubmit={(v) => act(r.id, SNOOZE_RECOMMENDATION, v)} />;
    return <TestPromptsForm {...common} onSubmit={(v) => act(r.id, TEST_RECOMMENDATION, v)} />;
  };

  if (!data) return loading ? <Loading what="recommendations" /> : <ErrorList errors={errors} />;
  const groups = groupByFeature(data.recommendations.filter((r) => showClosed || OPEN.has(r.status)));
  const shown = pageOf(groups, page, FEATURES_PER_PAGE);
  return (
    <div className="view">
      <ErrorList errors={[...errors, ...actionErrors.flatMap((e) => e.errors)]} />
      <label className="inline">
        <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> Show accepted, dismissed and withdrawn
      </label>
      {groups.length === 0 ? (
        <Empty testId="no-recommendations">
          <p>No recommendations{feature ? ` for ${feature}` : ""}. The Recommendations service needs at least 10 calls per feature × model in the last 30 days, and recomputes every 15 minutes.</p>
        </Empty>
      ) : (
        <>
          <p data-testid="optimisation-summary">
            Top saving{" "}
            <strong data-testid="optimisation-top-saving" data-value={groups[0].topSavingUsd}>{formatUsd(groups[0].topSavingUsd)}</strong>/month, in{" "}
            {groups[0].feature}; {groups.length} feature{groups.length === 1 ? "" : "s"} with advice.
          </p>
          {shown.items.map((g) => (
            <FeatureGroupCard key={g.feature} group={g} isAdmin={isAdmin} busy={busy} onChoose={choose} formFor={formFor} />
          ))}
          {shown.pages > 1 ? (
            <nav className="pager" aria-label="Pages of features">
              <button disabled={shown.page === 0} onClick={() => setPage(shown.page - 1)} data-testid="optimisation-previous">Previous</button>
              <span data-testid="optimisation-page">Page {shown.page + 1} of {shown.pages}</span>
              <button disabled={shown.page === shown.pages - 1} onClick={() => setPage(shown.page + 1)} data-testid="optimisation-next">Next</button>
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
