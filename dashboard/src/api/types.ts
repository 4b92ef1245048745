// Result types of the operations in operations.ts, written against schema.graphql: Decimal and DateTime arrive as
// strings, Long as a JSON number. The schema test validates each operation, so a renamed or removed field fails there.

export type Decimal = string;
export type Long = string | number;
export type DateTime = string;

export type TimeRange = "LAST_HOUR" | "LAST_24_HOURS" | "LAST_7_DAYS" | "LAST_30_DAYS" | "LAST_90_DAYS";
export type Granularity = "MINUTE" | "HOUR" | "DAY";
export type Dimension = "MODEL" | "PROVIDER" | "FEATURE" | "TEAM" | "ENVIRONMENT" | "OUTCOME" | "USER" | "API_KEY";

export interface UsageFilter {
  range?: TimeRange;
  from?: DateTime;
  to?: DateTime;
  providers?: string[];
  models?: string[];
  features?: string[];
  teams?: string[];
  environments?: string[];
  outcomes?: string[];
}

export interface Overview {
  from: DateTime;
  to: DateTime;
  totalCostUsd: Decimal;
  previousPeriodCostUsd: Decimal;
  costChangePercent: Decimal | null;
  requests: Long;
  successfulRequests: Long;
  successRate: number | null;
  totalTokens: Long;
  unpricedRequests: Long;
  averageCostPerRequestUsd: Decimal | null;
  costPer1MTokensUsd: Decimal | null;
  projectedMonthEndUsd: Decimal;
  projectedAnnualUsd: Decimal;
  p95LatencyMs: number | null;
  optimisationPotentialUsd: Decimal | null;
  documentedSavingsUsd: Decimal | null;
}

export interface TimeSeriesPoint {
  bucketStart: DateTime;
  key: string | null;
  costUsd: Decimal;
  requests: Long;
  failures: Long;
  inputTokens: Long;
  outputTokens: Long;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
  requestsPerSecond: number;
}

export interface CostShare {
  key: string;
  costUsd: Decimal;
  share: Decimal;
  requests: Long;
  totalTokens: Long;
  unpricedRequests: Long;
  costPerRequestUsd: Decimal | null;
  trendPercent: Decimal | null;
}

/** Revenue and margin, the same fields on the overview, a cost split's value and a series bucket. */
export interface RevenueFigures {
  revenueUsd: Decimal;
  billedRequests: Long;
  /** Billed calls we could price: the calls margin is over. */
  marginRequests: Long;
  marginUsd: Decimal | null;
  marginPercent: Decimal | null;
  revenuePerRequestUsd: Decimal | null;
  marginPerRequestUsd: Decimal | null;
}

/** One UTC day of one model's calls that reported the provider's cost, against ours for the same calls. */
export interface ReportedCostDifference {
  day: DateTime;
  provider: string;
  model: string;
  reportedRequests: Long;
  comparedRequests: Long;
  reportedCostUsd: Decimal;
  computedCostUsd: Decimal;
  differenceUsd: Decimal;
  differencePercent: Decimal | null;
}

export interface BudgetAlert {
  thresholdPercent: Decimal;
  crossedAt: DateTime;
  spentUsd: Decimal;
}

export interface BudgetStatus {
  budgetId: string;
  name: string;
  scopeKind: string;
  scopeValue: string | null;
  amountUsd: Decimal;
  period: string;
  resetDay: number;
  thresholdsPercent: Decimal[];
  webhookUrl: string | null;
  periodStart: DateTime;
  periodEnd: DateTime;
  spentUsd: Decimal;
  remainingUsd: Decimal;
  percentUsed: Decimal;
  projectedSpendUsd: Decimal;
  daysRemaining: number;
  thresholdsCrossed: Decimal[];
  alerts: BudgetAlert[];
}

export interface ModelTestSide {
  provider: string;
  model: string;
  succeeded: number;
  failed: number;
  averageLatencyMs: number | null;
  totalCostUsd: Decimal;
}

export interface ModelTest {
  testId: string;
  at: DateTime;
  prompts: number;
  meanAgreement: number | null;
  current: ModelTestSide;
  candidate: ModelTestSide;
}

export interface Recommendation {
  id: string;
  rank: number | null;
  kind: string;
  status: string;
  feature: string;
  provider: string;
  model: string;
  candidateProvider: string | null;
  candidateModel: string | null;
  change: string;
  monthlySavingUsd: Decimal;
  savingPercent: Decimal;
  qualityDelta: number | null;
  qualityImpact: string;
  confidence: number;
  confidenceLabel: string;
  realisedSavingUsd: Decimal | null;
  snoozedUntil: string | null;
  lastTest: ModelTest | null;
}

export interface LatencyProfile {
  key: string;
  requests: Long;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  ttftP50Ms: number | null;
  ttftP95Ms: number | null;
}

export interface FailureGroup {
  key: string;
  failures: Long;
  requests: Long;
  errorRate: number;
  trendPercent: Decimal | null;
}

export interface LoggedRequest {
  requestId: string;
  occurredAt: DateTime;
  provider: string;
  model: string;
  feature: string;
  team: string;
  environment: string;
  userId: string;
  outcome: string;
  errorType: string | null;
  errorMessage: string | null;
  inputTokens: Long;
  outputTokens: Long;
  latencyMs: number;
  costUsd: Decimal | null;
}

export interface UsageLogConnection {
  edges: { cursor: string; node: LoggedRequest }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface HealthLatency {
  calls: Long;
  p95Ms: number | null;
}

export interface ProviderHealth {
  provider: string;
  circuitState: string;
  circuitChangedAt: DateTime | null;
  healthScore: number;
  status: string;
  requestsPerMinute: number | null;
  errorRate: number;
  latency: HealthLatency;
  uptime24h: number;
  uptime7d: number;
  uptime30d: number;
  incidents: { startedAt: DateTime; endedAt: DateTime; durationSeconds: number; peakErrorRate: number }[];
}

export interface SloReport {
  scope: string;
  provider: string | null;
  requests: Long;
  objectives: { name: string; target: number; current: number | null; status: string; errorBudgetRemaining: number }[];
}

export interface UsagePatterns {
  heatmap: { weekday: number; hour: number; requests: Long; costUsd: Decimal }[];
  peakHours: { hour: number; requests: Long; costUsd: Decimal }[];
  promptLengths: { upToTokens: Long | null; requests: Long }[];
  ratioByModel: { model: string; inputTokens: Long; outputTokens: Long; outputPerInput: number | null }[];
  tokenEfficiency: {
    estimatedCalls: Long;
    estimatedInputTokens: Long;
    actualInputTokens: Long;
    meanAbsoluteErrorTokens: number | null;
    estimateAccuracy: number | null;
  };
}

export interface BudgetInput {
  name: string;
  scopeKind: string;
  scopeValue?: string | null;
  amountUsd: Decimal;
  period: string;
  resetDay?: number | null;
  thresholdsPercent?: Decimal[] | null;
  webhookUrl?: string | null;
}

export interface SloTargets {
  availability: number | null;
  latencyP95Ms: number | null;
  errorRate: number | null;
}

export interface SloTargetSettings {
  periodDays: number;
  source: string;
  setAt: DateTime | null;
  global: SloTargets;
  providers: (SloTargets & { provider: string })[];
}

/** A called model and the catalog entry its name resolves to (null: unpriced). */
export interface AdminModel {
  provider: string;
  model: string;
  catalog: {
    catalogKey: string;
    priceVersion: string | null;
    priceSource: string | null;
    inputPerMillionTokensUsd: Decimal | null;
    outputPerMillionTokensUsd: Decimal | null;
  } | null;
}

export interface ModelPriceRepricing {
  priceVersion: string;
  catalogKey: string | null;
  dryRun: boolean;
  priceRecorded: boolean;
  recordsTouched: number;
  previouslyUnpriced: number;
  costBeforeUsd: Decimal;
  costAfterUsd: Decimal;
  differenceUsd: Decimal;
  unchanged: number;
  applied: number;
}
