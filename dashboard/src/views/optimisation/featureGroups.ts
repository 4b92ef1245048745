import type { Recommendation } from "../../api/types";
import { compareDecimal } from "../../decimal";

export interface FeatureGroup {
  feature: string;
  /** Largest saving first. */
  recommendations: Recommendation[];
  topSavingUsd: string;
}

const bySavingDescending = (a: Recommendation, b: Recommendation) => compareDecimal(b.monthlySavingUsd, a.monthlySavingUsd);

/** Recommendations by feature; the feature with the largest single saving first, each feature's largest first. */
export function groupByFeature(recommendations: Recommendation[]): FeatureGroup[] {
  const byFeature = new Map<string, Recommendation[]>();
  for (const r of recommendations) byFeature.set(r.feature, [...(byFeature.get(r.feature) ?? []), r]);
  return [...byFeature.entries()]
    .map(([feature, items]) => {
      const sorted = [...items].sort(bySavingDescending);
      return { feature, recommendations: sorted, topSavingUsd: sorted[0].monthlySavingUsd };
    })
    .sort((a, b) => compareDecimal(b.topSavingUsd, a.topSavingUsd) || a.feature.localeCompare(b.feature));
}

/** One page of groups, and how many pages there are. */
export function pageOf<T>(items: T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(current * size, (current + 1) * size), page: current, pages };
}
