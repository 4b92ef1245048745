// Every operation the dashboard sends, as a constant beside the type of its result. operations.test.ts
// validates each against schema.graphql, the SDL the Query service publishes.
import type {
  BudgetStatus,
  CostShare,
  FailureGroup,
  LatencyProfile,
  LoggedRequest,
  AdminModel,
  ModelPriceRepricing,
  SloTargetSettings,
  Overview,
  ProviderHealth,
  Recommendation,
  ReportedCostDifference,
  RevenueFigures,
  SloReport,
  TimeSeriesPoint,
  UsageLogConnection,
  UsagePatterns,
} from "./types";

const OVERVIEW_FIELDS = `
  from to totalCostUsd previousPeriodCostUsd costChangePercent requests successfulRequests successRate
  totalTokens unpricedRequests averageCostPerRequestUsd costPer1MTokensUsd projectedMonthEndUsd projectedAnnualUsd
  p95LatencyMs optimisationPotentialUsd documentedSavingsUsd`;

const BUDGET_FIELDS = `
  budgetId name scopeKind scopeValue amountUsd period resetDay thresholdsPercent webhookUrl periodStart periodEnd
  spentUsd remainingUsd percentUsed projectedSpendUsd daysRemaining thresholdsCrossed
  alerts { thresholdPercent crossedAt spentUsd }`;

const TEST_SIDE = `provider model succeeded failed averageLatencyMs totalCostUsd`;

const RECOMMENDATION_FIELDS = `
  id rank kind status feature provider model candidateProvider candidateModel change monthlySavingUsd savingPercent
  qualityDelta qualityImpact confidence confidenceLabel realisedSavingUsd snoozedUntil
  lastTest { testId at prompts meanAgreement current { ${TEST_SIDE} } candidate { ${TEST_SIDE} } }`;

const COST_SHARE_FIELDS = `key costUsd share requests totalTokens unpricedRequests costPerRequestUsd trendPercent`;

const LOG_FIELDS = `
  edges { cursor node {
    requestId occurredAt provider model feature team environment userId outcome errorType errorMessage
    inputTokens outputTokens latencyMs costUsd } }
  pageInfo { hasNextPage endCursor }`;

/** Who the key is: its role decides which actions the dashboard offers. */
export const VIEWER_QUERY = `query Viewer {
  viewer { keyId role team }
}`;
export interface ViewerResult {
  viewer: { keyId: string; role: "ADMIN" | "READ"; team: string | null };
}

/** Whether the figures hold every accepted record: the header warns when events or messages are set aside. */
export const DATA_HEALTH_QUERY = `query DataHealth {
  dataHealth { deadLetters faultedMessages projections { name deadLetters } }
}`;
export interface DataHealthResult {
  dataHealth: { deadLetters: number; faultedMessages: number | null; projections: { name: string; deadLetters: number }[] };
}

export const FILTER_OPTIONS = `query FilterOptions {
  models { provider model }
  features: costBreakdown(by: FEATURE, filter: { range: LAST_90_DAYS }) { key }
  teams: costBreakdown(by: TEAM, filter: { range: LAST_90_DAYS }) { key }
  environments: costBreakdown(by: ENVIRONMENT, filter: { range: LAST_90_DAYS }) { key }
}`;
export interface FilterOptionsResult {
  models: { provider: string; model: string }[];
  features: { key: string }[];
  teams: { key: string }[];
  environments: { key: string }[];
}

export const OVERVIEW_QUERY = `query Overview($filter: UsageFilter, $granularity: Granularity!) {
  overview(filter: $filter) { ${OVERVIEW_FIELDS} }
  trend: timeSeries(filter: $filter, granularity: $granularity) { bucketStart costUsd requests }
  budgets { ${BUDGET_FIELDS} }
  recommendations(status: "suggested", limit: 5) { ${RECOMMENDATION_FIELDS} }
}`;
export interface OverviewResult {
  overview: Overview;
  trend: Pick<TimeSeriesPoint, "bucketStart" | "costUsd" | "requests">[];
  budgets: BudgetStatus[];
  /** Null when refused, e.g. to a team-scoped key. */
  recommendations: Recommendation[] | null;
}

export const COST_QUERY = `query CostAnalysis($filter: UsageFilter, $granularity: Granularity!) {
  overview(filter: $filter) { totalCostUsd totalTokens costPer1MTokensUsd }
  byModel: costBreakdown(by: MODEL, filter: $filter) { ${COST_SHARE_FIELDS} }
  byFeature: costBreakdown(by: FEATURE, filter: $filter) { ${COST_SHARE_FIELDS} }
  byProvider: costBreakdown(by: PROVIDER, filter: $filter) { ${COST_SHARE_FIELDS} }
  byTeam: costBreakdown(by: TEAM, filter: $filter) { ${COST_SHARE_FIELDS} }
  byApiKey: costBreakdown(by: API_KEY, filter: $filter) { ${COST_SHARE_FIELDS} }
  byUser: costBreakdown(by: USER, filter: $filter) { ${COST_SHARE_FIELDS} }
  trend: timeSeries(filter: $filter, granularity: $granularity) { bucketStart costUsd requests }
}`;
export interface CostResult {
  overview: Pick<Overview, "totalCostUsd" | "totalTokens" | "costPer1MTokensUsd">;
  byModel: CostShare[];
  byFeature: CostShare[];
  byProvider: CostShare[];
  byTeam: CostShare[];
  /** Per UTC day: the whole days the range touches. */
  byApiKey: CostShare[];
  byUser: CostShare[];
  trend: Pick<TimeSeriesPoint, "bucketStart" | "costUsd" | "requests">[];
}

const REVENUE_FIELDS = `revenueUsd billedRequests marginRequests marginUsd marginPercent revenuePerRequestUsd marginPerRequestUsd`;

/** The business view: revenue against cost, margin per model and feature, and the provider's bill against our prices. */
export const BUSINESS_QUERY = `query Business($filter: UsageFilter) {
  overview(filter: $filter) { totalCostUsd requests ${REVENUE_FIELDS} }
  daily: timeSeries(filter: $filter, granularity: DAY) { bucketStart costUsd ${REVENUE_FIELDS} }
  byModel: costBreakdown(by: MODEL, filter: $filter) { key costUsd requests ${REVENUE_FIELDS} }
  byFeature: costBreakdown(by: FEATURE, filter: $filter) { key costUsd requests ${REVENUE_FIELDS} }
  reportedCost: reportedCostDifferences(filter: $filter) {
    day provider model reportedRequests comparedRequests reportedCostUsd computedCostUsd differenceUsd differencePercent }
}`;
/** A split's value with its revenue: null figures for USER, which the business view does not ask for. */
export type RevenueShare = Pick<CostShare, "key" | "costUsd" | "requests"> & RevenueFigures;
export interface BusinessResult {
  overview: Pick<Overview, "totalCostUsd" | "requests"> & RevenueFigures;
  daily: (Pick<TimeSeriesPoint, "bucketStart" | "costUsd"> & RevenueFigures)[];
  byModel: RevenueShare[];
  byFeature: RevenueShare[];
  reportedCost: ReportedCostDifference[];
}

// 100 covers demo traffic (about 60) within the query cost limit; the API ranks by saving, so the top ones are always in.
export const RECOMMENDATIONS_QUERY = `query Recommendations($feature: String) {
  recommendations(feature: $feature, limit: 100) { ${RECOMMENDATION_FIELDS} }
}`;
export interface RecommendationsResult {
  recommendations: Recommendation[];
}

export const ACCEPT_RECOMMENDATION = `mutation AcceptRecommendation($id: ID!) {
  acceptRecommendation(id: $id) { ${RECOMMENDATION_FIELDS} }
}`;
export const DISMISS_RECOMMENDATION = `mutation DismissRecommendation($id: ID!, $reason: String) {
  dismissRecommendation(id: $id, reason: $reason) { ${RECOMMENDATION_FIELDS} }
}`;
export const SNOOZE_RECOMMENDATION = `mutation SnoozeRecommendation($id: ID!, $until: DateTime!) {
  snoozeRecommendation(id: $id, until: $until) { ${RECOMMENDATION_FIELDS} }
}`;
export const TEST_RECOMMENDATION = `mutation TestRecommendation($id: ID!, $prompts: [String!]!) {
  testRecommendation(id: $id, prompts: $prompts) { ${RECOMMENDATION_FIELDS} }
}`;

export const PERFORMANCE_QUERY = `query Performance($filter: UsageFilter, $granularity: Granularity!) {
  latency(filter: $filter, by: MODEL) { key requests p50Ms p95Ms p99Ms p999Ms ttftP50Ms ttftP95Ms }
  cost: costBreakdown(by: MODEL, filter: $filter) { key costUsd requests costPerRequestUsd }
  errors(filter: $filter, first: 1) { byModel { key failures requests errorRate trendPercent } }
  overview(filter: $filter) { requests successRate p95LatencyMs }
  throughput: timeSeries(filter: $filter, granularity: $granularity) {
    bucketStart requests failures requestsPerSecond p50LatencyMs p95LatencyMs p99LatencyMs }
}`;
export interface PerformanceResult {
  latency: LatencyProfile[];
  cost: Pick<CostShare, "key" | "costUsd" | "requests" | "costPerRequestUsd">[];
  errors: { byModel: FailureGroup[] };
  overview: Pick<Overview, "requests" | "successRate" | "p95LatencyMs">;
  throughput: Pick<TimeSeriesPoint, "bucketStart" | "requests" | "failures" | "requestsPerSecond" | "p50LatencyMs" | "p95LatencyMs" | "p99LatencyMs">[];
}

export const PATTERNS_QUERY = `query UsagePatterns($filter: UsageFilter, $granularity: Granularity!) {
  usagePatterns(filter: $filter) {
    heatmap { weekday hour requests costUsd }
    peakHours { hour requests costUsd }
    promptLengths { upToTokens requests }
    ratioByModel { model inputTokens outputTokens outputPerInput }
    tokenEfficiency { estimatedCalls estimatedInputTokens actualInputTokens meanAbsoluteErrorTokens estimateAccuracy }
  }
  volume: timeSeries(filter: $filter, granularity: $granularity) { bucketStart requests inputTokens outputTokens }
}`;
export interface PatternsResult {
  usagePatterns: UsagePatterns;
  volume: Pick<TimeSeriesPoint, "bucketStart" | "requests" | "inputTokens" | "outputTokens">[];
}

export const PROVIDERS_QUERY = `query Providers($filter: UsageFilter, $granularity: Granularity!) {
  providers {
    provider circuitState circuitChangedAt healthScore status requestsPerMinute errorRate
    latency { calls p95Ms } uptime24h uptime7d uptime30d
    incidents { startedAt endedAt durationSeconds peakErrorRate }
  }
  errors(filter: $filter, first: 20) {
    recent { ${LOG_FIELDS} }
    byType { key failures requests errorRate trendPercent }
  }
  slos { scope provider requests objectives { name target current status errorBudgetRemaining } }
  uptime: timeSeries(filter: $filter, granularity: $granularity, by: PROVIDER) { bucketStart key requests failures }
}`;
export interface ProvidersResult {
  providers: ProviderHealth[];
  errors: { recent: UsageLogConnection; byType: FailureGroup[] };
  /** Null when refused to a team-scoped key. */
  slos: SloReport[] | null;
  /** Calls and failures per provider per bucket of the range. */
  uptime: Pick<TimeSeriesPoint, "bucketStart" | "key" | "requests" | "failures">[];
}

/** Providers side by side; `day` is the filter over the last 24 hours, for the availability heatmap. */
export const PROVIDER_COMPARISON_QUERY = `query ProviderComparison($filter: UsageFilter, $day: UsageFilter, $granularity: Granularity!) {
  providers { provider healthScore status requestsPerMinute uptime7d uptime30d }
  sloTargets { global { availability } providers { provider availability } }
  byProvider: costBreakdown(by: PROVIDER, filter: $filter) { key costUsd requests costPerRequestUsd }
  byModel: costBreakdown(by: MODEL, filter: $filter) { key requests }
  errors(filter: $filter, first: 1) { byProvider { key failures requests errorRate trendPercent } }
  latency(filter: $filter, by: PROVIDER) { key requests p50Ms p95Ms p99Ms }
  costTrend: timeSeries(filter: $filter, granularity: $granularity, by: PROVIDER) { bucketStart key costUsd }
  tokens: timeSeries(filter: $filter, granularity: $granularity) { bucketStart requests requestsPerSecond inputTokens outputTokens }
  availability: timeSeries(filter: $day, granularity: HOUR, by: PROVIDER) { bucketStart key requests failures }
}`;
export interface ProviderComparisonResult {
  providers: Pick<ProviderHealth, "provider" | "healthScore" | "status" | "requestsPerMinute" | "uptime7d" | "uptime30d">[];
  /** Null when refused to a team-scoped key. */
  sloTargets: { global: { availability: number | null }; providers: { provider: string; availability: number | null }[] } | null;
  byProvider: Pick<CostShare, "key" | "costUsd" | "requests" | "costPerRequestUsd">[];
  byModel: Pick<CostShare, "key" | "requests">[];
  errors: { byProvider: FailureGroup[] };
  latency: Pick<LatencyProfile, "key" | "requests" | "p50Ms" | "p95Ms" | "p99Ms">[];
  costTrend: Pick<TimeSeriesPoint, "bucketStart" | "key" | "costUsd">[];
  tokens: Pick<TimeSeriesPoint, "bucketStart" | "requests" | "requestsPerSecond" | "inputTokens" | "outputTokens">[];
  availability: Pick<TimeSeriesPoint, "bucketStart" | "key" | "requests" | "failures">[];
}

export const BUDGETS_QUERY = `query Budgets {
  budgets { ${BUDGET_FIELDS} }
}`;
export interface BudgetsResult {
  budgets: BudgetStatus[];
}

const BUDGET_DEFINITION = `budgetId name scopeKind scopeValue amountUsd period resetDay thresholdsPercent webhookUrl removed`;
export const DEFINE_BUDGET = `mutation DefineBudget($budget: BudgetInput!) {
  defineBudget(budget: $budget) { ${BUDGET_DEFINITION} }
}`;
export const CHANGE_BUDGET = `mutation ChangeBudget($budgetId: ID!, $budget: BudgetInput!) {
  changeBudget(budgetId: $budgetId, budget: $budget) { ${BUDGET_DEFINITION} }
}`;
export const REMOVE_BUDGET = `mutation RemoveBudget($budgetId: ID!) {
  removeBudget(budgetId: $budgetId)
}`;

export const USAGE_LOG_QUERY = `query UsageLog($filter: UsageFilter, $first: Int, $after: String) {
  usageLog(filter: $filter, first: $first, after: $after) { ${LOG_FIELDS} }
}`;
export interface UsageLogResult {
  usageLog: UsageLogConnection;
}
export type { LoggedRequest };

export const DASHBOARD_UPDATED = `subscription DashboardUpdated {
  dashboardUpdated { version at }
}`;
export interface DashboardUpdatedResult {
  dashboardUpdated: { version: string; at: string };
}

const SLO_TARGET_FIELDS = `availability latencyP95Ms errorRate`;

export const ADMIN_SETTINGS_QUERY = `query AdminSettings {
  sloTargets { periodDays source setAt global { ${SLO_TARGET_FIELDS} } providers { provider ${SLO_TARGET_FIELDS} } }
  models { provider model catalog { catalogKey priceVersion priceSource inputPerMillionTokensUsd outputPerMillionTokensUsd } }
}`;
export interface AdminSettingsResult {
  sloTargets: SloTargetSettings;
  models: AdminModel[];
}

export const SET_SLO_TARGETS = `mutation SetSloTargets($global: SloTargetsInput) {
  setSloTargets(global: $global) { source setAt global { ${SLO_TARGET_FIELDS} } }
}`;

export const SET_MODEL_PRICE = `mutation SetModelPrice($price: ModelPriceInput!) {
  setModelPrice(price: $price) {
    priceVersion catalogKey dryRun priceRecorded recordsTouched previouslyUnpriced costBeforeUsd costAfterUsd differenceUsd unchanged applied
  }
}`;
export interface SetModelPriceResult {
  setModelPrice: ModelPriceRepricing;
}

export const SET_MODEL_ALLOWED = `mutation SetModelAllowed($model: String!, $allowed: Boolean!) {
  setModelAllowed(model: $model, allowed: $allowed) { model allowed }
}`;
export interface SetModelAllowedResult {
  setModelAllowed: { model: string; allowed: boolean };
}

/** Every operation, by name, for the schema test. */
export const ALL_OPERATIONS: Record<string, string> = {
  VIEWER_QUERY,
  DATA_HEALTH_QUERY,
  FILTER_OPTIONS,
  OVERVIEW_QUERY,
  COST_QUERY,
  BUSINESS_QUERY,
  RECOMMENDATIONS_QUERY,
  ACCEPT_RECOMMENDATION,
  DISMISS_RECOMMENDATION,
  SNOOZE_RECOMMENDATION,
  TEST_RECOMMENDATION,
  PERFORMANCE_QUERY,
  PATTERNS_QUERY,
  PROVIDERS_QUERY,
  PROVIDER_COMPARISON_QUERY,
  BUDGETS_QUERY,
  DEFINE_BUDGET,
  CHANGE_BUDGET,
  REMOVE_BUDGET,
  USAGE_LOG_QUERY,
  DASHBOARD_UPDATED,
  ADMIN_SETTINGS_QUERY,
  SET_SLO_TARGETS,
  SET_MODEL_PRICE,
  SET_MODEL_ALLOWED,
};
