// Figures the provider comparison derives from the API's answers. No imports: the browser tests load this file
// to compute the same figures from their own API calls.

interface ScoredProvider {
  healthScore: number;
  requestsPerMinute: number | null;
}

/**
 * One score for all providers: their health scores weighted by calls per minute, so an idle provider does not drag
 * it down; the plain mean when none has recent calls (or the volume is hidden from a team key). Null without providers.
 */
export function overallHealthScore(providers: ScoredProvider[]): number | null {
  if (providers.length === 0) return null;
  const weight = providers.reduce((sum, p) => sum + (p.requestsPerMinute ?? 0), 0);
  const score =
    weight > 0
      ? providers.reduce((sum, p) => sum + p.healthScore * (p.requestsPerMinute ?? 0), 0) / weight
      : providers.reduce((sum, p) => sum + p.healthScore, 0) / providers.length;
  return Math.round(score);
}

/**
 * Tokens per second over a bucket: the API gives requests per second over the seconds of the bucket inside the
 * range, so those seconds are requests / requestsPerSecond. An idle bucket has no tokens: 0.
 */
export function tokensPerSecond(point: { requests: string | number; requestsPerSecond: number; inputTokens: string | number; outputTokens: string | number }): number {
  const requests = Number(point.requests);
  if (requests === 0 || point.requestsPerSecond === 0) return 0;
  const seconds = requests / point.requestsPerSecond;
  return Math.round(((Number(point.inputTokens) + Number(point.outputTokens)) / seconds) * 100) / 100;
}

/** An SLO judged on availability: compliant when the measured share meets the target; null without a target. */
export function sloStatus(availability: number, target: number | null): "compliant" | "breached" | null {
  if (target == null) return null;
  return availability >= target ? "compliant" : "breached";
}
