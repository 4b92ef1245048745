import { Fragment, type ReactNode } from "react";
import type { Recommendation } from "../../api/types";
import { formatDecimal, formatMs, formatShare, formatUsd } from "../../decimal";
import { slug } from "../common";
import type { FeatureGroup } from "./featureGroups";
import { RecommendationMenu, type MenuChoice } from "./RecommendationMenu";

export const OPEN = new Set(["suggested", "tested", "snoozed"]);

interface FeatureGroupCardProps {
  group: FeatureGroup;
  isAdmin: boolean;
  busy: string | null;
  onChoose: (r: Recommendation, choice: MenuChoice) => void;
  /** The inline form open under one of this group's rows, if any. */
  formFor: (r: Recommendation) => ReactNode;
}

function TestResult({ r }: { r: Recommendation }) {
  const t = r.lastTest;
  if (!t) return null;
  return (
    <div className="muted small" data-testid={`test-result-${r.id}`}>
      tested: {t.prompts} prompts · agreement {formatShare(t.meanAgreement, 0)} · {formatMs(t.current.averageLatencyMs)} → {formatMs(t.candidate.averageLatencyMs)} ·{" "}
      {formatUsd(t.current.totalCostUsd)} → {formatUsd(t.candidate.totalCostUsd)}
    </div>
  );
}

/** One feature's recommendations, largest saving first, in four columns that fit a phone. */
export function FeatureGroupCard({ group, isAdmin, busy, onChoose, formFor }: FeatureGroupCardProps) {
  const columns = isAdmin ? 4 : 3;
  return (
    <section className="card" aria-label={group.feature} data-testid={`feature-group-${slug(group.feature)}`}>
      <h2>
        {group.feature}{" "}
        <span className="muted small">
          {group.recommendations.length} recommendation{group.recommendations.length === 1 ? "" : "s"} · up to{" "}
          <span data-testid={`feature-top-saving-${slug(group.feature)}`} data-value={group.topSavingUsd}>{formatUsd(group.topSavingUsd)}</span>/mo
        </span>
      </h2>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Recommendations for {group.feature}, largest saving first</caption>
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Saving / month</th>
              <th scope="col">Confidence</th>
              {isAdmin ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {group.recommendations.map((r) => (
              <Fragment key={r.id}>
                <tr data-testid={`recommendation-row-${r.id}`}>
                  <td>
                    <div>
                      {r.provider}/{r.model} → {r.candidateModel ? `${r.candidateProvider ?? r.provider}/${r.candidateModel}` : r.kind.replace(/_/g, " ")}
                    </div>
                    <div className="muted small">
                      {r.change} · quality {r.qualityImpact}
                      {r.qualityDelta != null ? ` (${r.qualityDelta > 0 ? "+" : ""}${r.qualityDelta.toFixed(1)})` : ""} ·{" "}
                      <span data-testid={`recommendation-status-${r.id}`}>
                        {r.status}
                        {r.status === "snoozed" && r.snoozedUntil ? ` until ${r.snoozedUntil.slice(0, 10)}` : ""}
                      </span>
                    </div>
                    <TestResult r={r} />
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
                  <td data-testid={`recommendation-confidence-${r.id}`} data-value={r.confidence}>
                    {r.confidenceLabel} ({formatShare(r.confidence, 0)})
                  </td>
                  {isAdmin ? (
                    <td className="actions">
                      {OPEN.has(r.status) ? <RecommendationMenu recommendation={r} busy={busy === r.id} onChoose={(choice) => onChoose(r, choice)} /> : null}
                    </td>
                  ) : null}
                </tr>
                {isAdmin && formFor(r) ? (
                  <tr className="form-row">
                    <td colSpan={columns}>{formFor(r)}</td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
