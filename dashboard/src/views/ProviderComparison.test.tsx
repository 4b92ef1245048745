import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import { providerColour } from "../components/palette";
import { ADMIN_VIEWER, FILTER_OPTIONS, fakeFetch } from "../test/fakeApi";
import { overallHealthScore, sloStatus, tokensPerSecond } from "./providerFigures";

const comparison = {
  providers: [
    { provider: "anthropic", healthScore: 60, status: "warning", requestsPerMinute: 1, uptime7d: 0.98, uptime30d: 0.995 },
    { provider: "openai", healthScore: 90, status: "healthy", requestsPerMinute: 3, uptime7d: 0.999, uptime30d: 0.999 },
  ],
  sloTargets: { global: { availability: 0.99 }, providers: [] },
  byProvider: [
    { key: "openai", costUsd: "1.25", requests: "300", costPerRequestUsd: "0.0041666666666666666666666667" },
    { key: "anthropic", costUsd: "0.5", requests: "100", costPerRequestUsd: "0.005" },
  ],
  byModel: [{ key: "gpt-4o", requests: "300" }, { key: "claude-3-5-sonnet", requests: "100" }],
  errors: { byProvider: [{ key: "anthropic", failures: "4", requests: "100", errorRate: 0.04, trendPercent: null }] },
  latency: [{ key: "openai", requests: "300", p50Ms: 400, p95Ms: 900, p99Ms: 1200 }],
  costTrend: [{ bucketStart: "2026-01-01T00:00:00Z", key: "openai", costUsd: "1.25" }],
  tokens: [
    // 400 calls at 0.1 per second: 4,000 seconds inside the range; 6,000 tokens over them = 1.5 tokens per second.
    { bucketStart: "2026-01-01T00:00:00Z", requests: "400", requestsPerSecond: 0.1, inputTokens: "5000", outputTokens: "1000" },
    { bucketStart: "2026-01-01T01:00:00Z", requests: "0", requestsPerSecond: 0, inputTokens: "0", outputTokens: "0" },
  ],
  availability: [
    { bucketStart: "2026-01-01T00:00:00Z", key: "anthropic", requests: "100", failures: "4" },
    { bucketStart: "2026-01-01T00:00:00Z", key: "openai", requests: "300", failures: "0" },
  ],
};

function renderComparison() {
  sessionStorage.setItem("tokenoptimizer.apiKey", "tok_test");
  window.history.replaceState(null, "", "/?view=compare&range=LAST_7_DAYS");
  const api = fakeFetch({ Viewer: ADMIN_VIEWER, FilterOptions: FILTER_OPTIONS, ProviderComparison: () => ({ data: comparison }), UsageLog: () => ({ data: { usageLog: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } }) });
  render(<App fetchImpl={api.fetch} live={false} />);
  return api;
}

describe("provider figures", () => {
  it("weights the overall health score by calls per minute, and falls back to the mean without recent calls", () => {
    // (60 × 1 + 90 × 3) / 4 = 82.5, rounded to 83; without volumes (60 + 90) / 2 = 75.
    expect(overallHealthScore(comparison.providers)).toBe(83);
    expect(overallHealthScore(comparison.providers.map((p) => ({ ...p, requestsPerMinute: null })))).toBe(75);
    expect(overallHealthScore([])).toBeNull();
  });

  it("derives tokens per second from the bucket's calls per second, and 0 for an idle bucket", () => {
    expect(tokensPerSecond(comparison.tokens[0])).toBe(1.5);
    expect(tokensPerSecond(comparison.tokens[1])).toBe(0);
  });

  it("judges availability against the target, and not at all without one", () => {
    expect(sloStatus(0.98, 0.99)).toBe("breached");
    expect(sloStatus(0.99, 0.99)).toBe("compliant");
    expect(sloStatus(0.5, null)).toBeNull();
  });

  it("gives a provider the same colour wherever it is drawn, whatever the order of the series", () => {
    expect(providerColour("openai")).toBe(providerColour("OpenAI"));
    expect(providerColour("some-new-provider")).toBe(providerColour("some-new-provider"));
    expect(providerColour("openai")).not.toBe(providerColour("anthropic"));
  });
});

describe("Provider comparison view", () => {
  it("shows each provider's figures, the overall score, the heatmap and SLO compliance as the API gives them", async () => {
    const api = renderComparison();
    expect((await screen.findByTestId("compare-health-score")).textContent).toBe("83 / 100");
    expect(screen.getByTestId("compare-peak-tokens-per-second").dataset.value).toBe("1.5");
    expect(screen.getByTestId("compare-requests-openai").dataset.value).toBe("300");
    expect(screen.getByTestId("compare-failures-anthropic").dataset.value).toBe("4");
    expect(screen.getByTestId("compare-failures-openai").dataset.value).toBe("0");
    expect(screen.getByTestId("compare-p95-openai").textContent).toBe("900 ms");
    expect(screen.getByTestId("compare-cost-openai").textContent).toBe("$1.25");
    expect(screen.getByTestId("compare-model-requests-gpt-4o").dataset.value).toBe("300");
    // 96 of 100 anthropic calls succeeded in that hour.
    expect(screen.getByTestId("availability-anthropic-2026-01-01T00:00:00Z").dataset.value).toBe("0.960000");
    expect(screen.getByTestId("availability-openai-2026-01-01T00:00:00Z").dataset.value).toBe("1.000000");
    expect(screen.getByTestId("slo-7d-anthropic").dataset.status).toBe("breached");
    expect(screen.getByTestId("slo-30d-anthropic").dataset.status).toBe("compliant");
    // The heatmap always covers the last 24 hours, with the other filters kept.
    expect(api.calls.find((c) => c.operation === "ProviderComparison")!.variables).toEqual({
      filter: { range: "LAST_7_DAYS" },
      day: { range: "LAST_24_HOURS" },
      granularity: "HOUR",
    });
  });

  it("opens the logs filtered by the provider of a row", async () => {
    const api = renderComparison();
    fireEvent.click(await screen.findByTestId("compare-drill-anthropic"));
    await screen.findByRole("heading", { level: 1, name: "Logs" });
    expect(new URLSearchParams(window.location.search).get("providers")).toBe("anthropic");
    expect(new URLSearchParams(window.location.search).get("view")).toBe("logs");
    const log = api.calls.filter((c) => c.operation === "UsageLog").at(-1)!;
    expect((log.variables.filter as { providers: string[] }).providers).toEqual(["anthropic"]);
  });
});
