import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import { MarginTable } from "../components/MarginTable";
import { ReportedCostTable } from "../components/ReportedCostTable";
import { ADMIN_VIEWER, FILTER_OPTIONS, fakeFetch } from "../test/fakeApi";

// The figures of the Query integration test ReportingRevenueAndReportedCost, as the API answers them there.
const gpt4o = {
  key: "gpt-4o", costUsd: "0.0425", requests: 3, revenueUsd: "0.10", billedRequests: 3, marginRequests: 3,
  marginUsd: "0.0575", marginPercent: "57.5", revenuePerRequestUsd: "0.0333333333333333333333333333", marginPerRequestUsd: "0.0191666666666666666666666667",
};
const unpriced = {
  key: "house-llm-1", costUsd: "0", requests: 1, revenueUsd: "0.01", billedRequests: 1, marginRequests: 0,
  marginUsd: null, marginPercent: null, revenuePerRequestUsd: "0.01", marginPerRequestUsd: null,
};
const unbilled = { ...unpriced, key: "gpt-4o-mini", revenueUsd: "0", billedRequests: 0, revenuePerRequestUsd: null };

describe("MarginTable", () => {
  it("shows each billed value's revenue, margin and unit economics, exactly as the API gives them", () => {
    render(<MarginTable rows={[gpt4o, unpriced, unbilled]} dimension="Model" caption="Margin by model" />);
    expect(screen.getByTestId("revenue-model-gpt-4o").textContent).toBe("$0.10");
    expect(screen.getByTestId("margin-model-gpt-4o").dataset.value).toBe("0.0575");
    expect(screen.getByTestId("margin-model-gpt-4o").textContent).toBe("$0.06");
    expect(screen.getByTestId("margin-percent-model-gpt-4o").textContent).toBe("57.50%");
    expect(screen.getByTestId("margin-calls-model-gpt-4o").textContent).toBe("3 / 3");
    expect(screen.getByTestId("revenue-per-call-model-gpt-4o").textContent).toBe("$0.03");
    expect(screen.getByTestId("margin-per-call-model-gpt-4o").textContent).toBe("$0.02");
  });

  it("shows no margin, not a 100% one, for billed calls we could not price, and leaves out values nobody was billed for", () => {
    render(<MarginTable rows={[gpt4o, unpriced, unbilled]} dimension="Model" caption="Margin by model" />);
    expect(screen.getByTestId("revenue-model-house-llm-1").textContent).toBe("$0.01");
    expect(screen.getByTestId("margin-model-house-llm-1").textContent).toBe("—");
    expect(screen.getByTestId("margin-percent-model-house-llm-1").textContent).toBe("—");
    expect(screen.getByTestId("margin-calls-model-house-llm-1").textContent).toBe("0 / 1");
    expect(screen.queryByTestId("revenue-model-gpt-4o-mini")).toBeNull();
  });

  it("says so when no call was billed", () => {
    render(<MarginTable rows={[unbilled]} dimension="Feature" caption="Margin by feature" />);
    expect(screen.getByText("No billed calls in this period.")).toBeTruthy();
  });
});

const reported = [
  {
    day: "2026-01-01T00:00:00Z", provider: "openai", model: "gpt-4o", reportedRequests: 1, comparedRequests: 1,
    reportedCostUsd: "0.0195", computedCostUsd: "0.02", differenceUsd: "-0.0005", differencePercent: "-2.50",
  },
  {
    day: "2026-01-02T00:00:00Z", provider: "openai", model: "gpt-4o-mini", reportedRequests: 1, comparedRequests: 1,
    reportedCostUsd: "0.0027", computedCostUsd: "0.0027", differenceUsd: "0.0000", differencePercent: "0",
  },
  {
    day: "2026-01-02T00:00:00Z", provider: "openai", model: "house-llm-1", reportedRequests: 1, comparedRequests: 0,
    reportedCostUsd: "0", computedCostUsd: "0", differenceUsd: "0", differencePercent: null,
  },
];

describe("ReportedCostTable", () => {
  it("shows the provider's figure against ours per day and model, latest day first, marking where they disagree", () => {
    render(<ReportedCostTable rows={reported} />);
    const rows = screen.getAllByTestId(/^reported-row-/);
    expect(rows.map((r) => r.dataset.testid)).toEqual([
      "reported-row-2026-01-02-openai-gpt-4o-mini",
      "reported-row-2026-01-02-openai-house-llm-1",
      "reported-row-2026-01-01-openai-gpt-4o",
    ]);
    expect(screen.getByTestId("reported-cost-2026-01-01-openai-gpt-4o").textContent).toBe("$0.019500");
    expect(screen.getByTestId("computed-cost-2026-01-01-openai-gpt-4o").textContent).toBe("$0.020000");
    expect(screen.getByTestId("difference-2026-01-01-openai-gpt-4o").textContent).toBe("-$0.000500");
    expect(screen.getByTestId("difference-percent-2026-01-01-openai-gpt-4o").textContent).toBe("-2.5%");
    expect(rows.map((r) => r.dataset.agrees)).toEqual(["true", "true", "false"]);
    expect(screen.getByTestId("reported-calls-2026-01-02-openai-house-llm-1").textContent).toBe("0 / 1");
  });

  it("tells how to get a comparison when no call reported a cost", () => {
    render(<ReportedCostTable rows={[]} />);
    expect(screen.getByText(/send reportedCostUsd/)).toBeTruthy();
  });
});

describe("Business view", () => {
  it("asks for the business figures with the filters and shows the headline revenue and margin", async () => {
    sessionStorage.setItem("tokenoptimizer.apiKey", "tok_test");
    window.history.replaceState(null, "", "/?view=business&range=LAST_7_DAYS");
    const api = fakeFetch({
      Viewer: ADMIN_VIEWER,
      FilterOptions: FILTER_OPTIONS,
      Business: () => ({
        data: {
          overview: {
            totalCostUsd: "0.0464", requests: 6, revenueUsd: "0.115", billedRequests: 5, marginRequests: 4, marginUsd: "0.0598",
            marginPercent: "56.95", revenuePerRequestUsd: "0.023", marginPerRequestUsd: "0.01495",
          },
          daily: [
            { bucketStart: "2026-01-01T00:00:00Z", costUsd: "0.02", revenueUsd: "0.05", billedRequests: 1, marginRequests: 1, marginUsd: "0.03", marginPercent: "60", revenuePerRequestUsd: "0.05", marginPerRequestUsd: "0.03" },
            { bucketStart: "2026-01-02T00:00:00Z", costUsd: "0.0264", revenueUsd: "0.065", billedRequests: 4, marginRequests: 3, marginUsd: "0.0298", marginPercent: "54.18", revenuePerRequestUsd: "0.01625", marginPerRequestUsd: "0.00993" },
          ],
          byModel: [gpt4o, unpriced],
          byFeature: [],
          reportedCost: reported,
        },
      }),
    });
    render(<App fetchImpl={api.fetch} live={false} />);

    expect((await screen.findByTestId("business-revenue")).textContent).toBe("$0.12");
    expect(screen.getByTestId("business-revenue").dataset.value).toBe("0.115");
    expect(screen.getByTestId("business-margin").dataset.value).toBe("0.0598");
    expect(screen.getByTestId("business-margin-percent").textContent).toBe("56.95%");
    expect(screen.getByText("over 4 of 5 billed calls (those we could price)")).toBeTruthy();
    expect(screen.getByTestId("daily-revenue-2026-01-02").textContent).toBe("$0.07");
    expect(screen.getByTestId("daily-margin-percent-2026-01-02").textContent).toBe("54.18%");
    expect(screen.getByTestId("revenue-model-gpt-4o").dataset.value).toBe("0.10");
    expect(screen.getByTestId("difference-2026-01-01-openai-gpt-4o").dataset.value).toBe("-0.0005");
    expect(api.calls.find((c) => c.operation === "Business")!.variables).toEqual({ filter: { range: "LAST_7_DAYS" } });
  });
});
