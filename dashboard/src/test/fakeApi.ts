import { vi } from "vitest";

type Answer = { status?: number; body: unknown };
export type Handlers = Record<string, (variables: Record<string, unknown>) => Answer | unknown>;

/** A fetch that answers each GraphQL operation by name; records every call. */
export function fakeFetch(handlers: Handlers) {
  const calls: { operation: string; variables: Record<string, unknown>; headers: Record<string, string> }[] = [];
  const fn = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body ?? "{}"));
    const operation = /(?:query|mutation|subscription)\s+(\w+)/.exec(body.query ?? "")?.[1] ?? "anonymous";
    calls.push({ operation, variables: body.variables ?? {}, headers: (init?.headers ?? {}) as Record<string, string> });
    const handler = handlers[operation];
    const answer = handler ? handler(body.variables ?? {}) : { data: null, errors: [{ message: `no fake for ${operation}` }] };
    const { status, body: payload } =
      answer && typeof answer === "object" && "body" in (answer as Answer) ? (answer as Answer) : { status: 200, body: answer };
    return new Response(JSON.stringify(payload), { status: status ?? 200, headers: { "Content-Type": "application/json" } });
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

export const ADMIN_VIEWER = () => ({ data: { viewer: { keyId: "0123456789ab", role: "ADMIN", team: null } } });
export const READ_VIEWER = () => ({ data: { viewer: { keyId: "ba9876543210", role: "READ", team: null } } });

export const FILTER_OPTIONS = () => ({
  data: {
    models: [
      { provider: "openai", model: "gpt-4o" },
      { provider: "openai", model: "gpt-4o-mini" },
      { provider: "anthropic", model: "claude-3-5-sonnet" },
    ],
    features: [{ key: "support-chat" }, { key: "search" }],
    teams: [{ key: "support" }],
    environments: [{ key: "production" }],
  },
});

export function overviewAnswer(overrides: Record<string, unknown> = {}) {
  return {
    data: {
      overview: {
        from: "2026-01-01T00:00:00Z",
        to: "2026-01-02T00:00:00Z",
        totalCostUsd: "1234567.005",
        previousPeriodCostUsd: "1000000",
        costChangePercent: "23.4567",
        // Long counts arrive as JSON numbers, as the Query service sends them.
        requests: 1234567,
        successfulRequests: 1219326,
        successRate: 0.98765,
        totalTokens: 123456789,
        unpricedRequests: 0,
        averageCostPerRequestUsd: "0.00123456",
        costPer1MTokensUsd: "2.5",
        projectedMonthEndUsd: "0.1",
        projectedAnnualUsd: "0.30000000000000004",
        p95LatencyMs: 812.4,
        optimisationPotentialUsd: "99.995",
        documentedSavingsUsd: null,
        ...overrides,
      },
      trend: [
        { bucketStart: "2026-01-01T00:00:00Z", costUsd: "1.5", requests: 3 },
        { bucketStart: "2026-01-01T01:00:00Z", costUsd: "2.25", requests: 4 },
      ],
      budgets: [
        {
          budgetId: "b1", name: "Org monthly", scopeKind: "organization", scopeValue: null, amountUsd: "1000", period: "month", resetDay: 1,
          thresholdsPercent: ["80", "100"], webhookUrl: null, periodStart: "2026-01-01T00:00:00Z", periodEnd: "2026-02-01T00:00:00Z",
          spentUsd: "850.10", remainingUsd: "149.90", percentUsed: "85.01", projectedSpendUsd: "1200", daysRemaining: 10,
          thresholdsCrossed: ["80"], alerts: [],
        },
      ],
      recommendations: [],
    },
  };
}

export function recommendation(id: string) {
  return {
    id, rank: 1, kind: "model_switch", status: "suggested", feature: "support-chat", provider: "openai", model: "gpt-4o",
    candidateProvider: "openai", candidateModel: "gpt-4o-mini", change: "Switch support-chat from gpt-4o to gpt-4o-mini",
    monthlySavingUsd: "412.50", savingPercent: "83.3", qualityDelta: -3, qualityImpact: "small", confidence: 0.9,
    confidenceLabel: "high", realisedSavingUsd: null, snoozedUntil: null, lastTest: null,
  };
}
