import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ProviderUptime } from "./ProviderUptime";

describe("ProviderUptime", () => {
  it("totals each provider's calls over the buckets and shows the exact share that succeeded", () => {
    render(
      <ProviderUptime
        points={[
          { bucketStart: "2026-01-01T00:00:00Z", key: "openai", requests: 3, failures: 1 },
          { bucketStart: "2026-01-01T01:00:00Z", key: "openai", requests: 4, failures: 0 },
          { bucketStart: "2026-01-01T00:00:00Z", key: "anthropic", requests: 2, failures: 0 },
          { bucketStart: "2026-01-01T01:00:00Z", key: "anthropic", requests: 0, failures: 0 },
        ]}
      />,
    );
    expect(screen.getByTestId("uptime-requests-openai").dataset.value).toBe("7");
    expect(screen.getByTestId("uptime-failures-openai").dataset.value).toBe("1");
    // 6 / 7 = 0.857142857…: six decimals, rounded half up.
    expect(screen.getByTestId("uptime-success-openai").dataset.value).toBe("0.857143");
    expect(screen.getByTestId("uptime-success-openai").textContent).toBe("85.71%");
    expect(screen.getByTestId("uptime-success-anthropic").textContent).toBe("100.00%");
    expect(screen.getByTestId("uptime-chart")).toBeTruthy();
  });

  it("says so when there were no calls", () => {
    render(<ProviderUptime points={[]} />);
    expect(screen.getByText("No calls in this period.")).toBeTruthy();
  });
});
