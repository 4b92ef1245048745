import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { parseSse } from "../api/subscribe";
import { filtersFromSearch, searchFor, toUsageFilter } from "../state/filters";
import { ADMIN_VIEWER, FILTER_OPTIONS, READ_VIEWER, fakeFetch, overviewAnswer, recommendation, type Handlers } from "./fakeApi";

function signedIn(handlers: Handlers, search = "/") {
  sessionStorage.setItem("tokenoptimizer.apiKey", "tok_test");
  window.history.replaceState(null, "", search);
  const api = fakeFetch({ Viewer: ADMIN_VIEWER, FilterOptions: FILTER_OPTIONS, ...handlers });
  render(<App fetchImpl={api.fetch} live={false} />);
  return api;
}

describe("filters in the URL", () => {
  it("round-trip through the query string", () => {
    const filters = filtersFromSearch("?view=costs&range=LAST_7_DAYS&models=gpt-4o,gpt-4o-mini&teams=support");
    expect(filters.range).toBe("LAST_7_DAYS");
    expect(filters.models).toEqual(["gpt-4o", "gpt-4o-mini"]);
    expect(filtersFromSearch(searchFor("costs", filters))).toEqual(filters);
    expect(toUsageFilter(filters)).toEqual({ range: "LAST_7_DAYS", models: ["gpt-4o", "gpt-4o-mini"], teams: ["support"] });
  });

  it("custom dates become UTC instants", () => {
    const filters = filtersFromSearch("?from=2026-01-01&to=2026-01-08");
    expect(toUsageFilter(filters)).toEqual({ from: "2026-01-01T00:00:00Z", to: "2026-01-08T00:00:00Z" });
  });

  it("a bookmarked URL drives the query, and changing a filter changes the URL and the query", async () => {
    const api = signedIn({ Overview: () => overviewAnswer() }, "/?view=overview&range=LAST_7_DAYS&models=gpt-4o");
    await screen.findByTestId("overview-total-cost");
    expect(api.calls.find((c) => c.operation === "Overview")!.variables.filter).toEqual({ range: "LAST_7_DAYS", models: ["gpt-4o"] });
    expect((screen.getByLabelText("Date range") as HTMLSelectElement).value).toBe("LAST_7_DAYS");
    expect((screen.getByLabelText("Model") as HTMLSelectElement).value).toBe("gpt-4o");

    await waitFor(() => expect(screen.getByLabelText("Team").querySelectorAll("option").length).toBeGreaterThan(1));
    fireEvent.change(screen.getByLabelText("Team"), { target: { value: "support" } });
    expect(window.location.search).toBe("?view=overview&range=LAST_7_DAYS&models=gpt-4o&teams=support");
    await waitFor(() =>
      expect(api.calls.filter((c) => c.operation === "Overview").at(-1)!.variables.filter).toEqual({
        range: "LAST_7_DAYS",
        models: ["gpt-4o"],
        teams: ["support"],
      }),
    );
  });

  it("navigation keeps the filters", async () => {
    signedIn({ Overview: () => overviewAnswer(), CostAnalysis: () => ({ data: null, errors: [{ message: "boom" }] }) }, "/?range=LAST_30_DAYS");
    await screen.findByTestId("overview-total-cost");
    fireEvent.click(screen.getByTestId("nav-costs"));
    expect(window.location.search).toBe("?view=costs&range=LAST_30_DAYS");
    expect(await screen.findByRole("alert")).toHaveProperty("textContent", expect.stringContaining("boom"));
  });
});

describe("Cost analysis", () => {
  const share = (key: string, costUsd: string) => ({
    key, costUsd, share: "0.5", requests: "2", totalTokens: "1500", unpricedRequests: "0", costPerRequestUsd: costUsd, trendPercent: null,
  });

  it("lists the top API keys and end users, calls that named none as (none)", async () => {
    const byApiKey = [share("key-a", "0.0225"), share("", "0.045"), ...Array.from({ length: 11 }, (_, i) => share(`key-${i}`, "0.001"))];
    signedIn(
      {
        CostAnalysis: () => ({
          data: {
            overview: { totalCostUsd: "0.0745", totalTokens: "20000", costPer1MTokensUsd: "3.725" },
            byModel: [], byFeature: [], byProvider: [], byTeam: [], byApiKey, byUser: [share("alice", "0.0175")], trend: [],
          },
        }),
      },
      "/?view=costs",
    );

    const keys = await screen.findByRole("table", { name: "Cost by API key" });
    expect(screen.getByTestId("cost-api-key-key-a").getAttribute("data-value")).toBe("0.0225");
    expect(within(keys).getByText("(none)")).toBeTruthy();
    expect(within(keys).getAllByRole("row")).toHaveLength(1 + 10);
    expect(screen.getByTestId("cost-user-alice").getAttribute("data-value")).toBe("0.0175");
  });

  it("narrows the view to a model when its row is picked, keeping the other filters", async () => {
    const api = signedIn(
      {
        CostAnalysis: () => ({
          data: {
            overview: { totalCostUsd: "0.0745", totalTokens: "20000", costPer1MTokensUsd: "3.725" },
            byModel: [share("gpt-4o", "0.05")], byFeature: [], byProvider: [], byTeam: [], byApiKey: [], byUser: [], trend: [],
          },
        }),
      },
      "/?view=costs&range=LAST_7_DAYS&teams=support",
    );
    fireEvent.click(await screen.findByTestId("drill-model-gpt-4o"));
    await waitFor(() => expect(window.location.search).toBe("?view=costs&range=LAST_7_DAYS&models=gpt-4o&teams=support"));
    await waitFor(() => expect(api.calls.filter((c) => c.operation === "CostAnalysis").at(-1)!.variables.filter).toEqual({ range: "LAST_7_DAYS", models: ["gpt-4o"], teams: ["support"] }));
  });
});

describe("Overview", () => {
  it("renders the API's figures, Decimal strings formatted exactly", async () => {
    signedIn({ Overview: () => overviewAnswer() });
    const text = async (id: string) => (await screen.findByTestId(id)).textContent;
    expect(await text("overview-total-cost")).toBe("$1,234,567.01");
    expect(screen.getByTestId("overview-total-cost").dataset.value).toBe("1234567.005");
    expect(await text("overview-cost-change")).toBe("+23.5% vs previous period");
    expect(await text("overview-requests")).toBe("1,234,567");
    expect(await text("overview-average-cost")).toBe("$0.0012");
    expect(await text("overview-projected-month-end")).toBe("$0.10");
    expect(await text("overview-projected-annual")).toBe("$0.30");
    expect(await text("overview-success-rate")).toBe("98.77%");
    expect(await text("overview-p95-latency")).toBe("812 ms");
    expect(await text("overview-optimisation-potential")).toBe("$100.00");
    expect(await text("overview-documented-savings")).toBe("—");
    expect(screen.getByTestId("budget-gauge-b1").dataset.level).toBe("warning");
    expect(await text("budget-spent-b1")).toBe("$850.10");
  });

  it("with no usage, says how to send the first record", async () => {
    signedIn({ Overview: () => overviewAnswer({ requests: 0, totalCostUsd: "0" }) });
    const empty = await screen.findByTestId("empty-state");
    expect(empty.textContent).toContain("POST /v1/usage");
    expect(empty.textContent).toContain("ingest");
  });

  it("shows a GraphQL error's message", async () => {
    signedIn({ Overview: () => ({ data: null, errors: [{ message: "filter.range: not with from/to.", extensions: { code: "BAD_USER_INPUT" } }] }) });
    expect((await screen.findByTestId("api-errors")).textContent).toContain("filter.range: not with from/to.");
  });
});

describe("roles", () => {
  const recommendations = () => ({ data: { recommendations: [recommendation("r1")] } });

  it("an admin key sees accept, dismiss and test in the row's menu", async () => {
    signedIn({ Recommendations: recommendations }, "/?view=optimisation");
    await screen.findByTestId("recommendation-row-r1");
    expect(screen.getByTestId("role").textContent).toBe("Admin");
    expect(screen.queryByTestId("accept-r1")).toBeNull();
    fireEvent.click(screen.getByTestId("actions-r1"));
    expect(screen.getByTestId("accept-r1")).toBeTruthy();
    expect(screen.getByTestId("dismiss-r1")).toBeTruthy();
    expect(screen.getByTestId("test-r1")).toBeTruthy();
    expect(screen.getByTestId("recommendation-saving-r1").textContent).toBe("$412.50");
  });

  it("a read key (viewer role READ) sees no admin actions", async () => {
    signedIn({ Viewer: READ_VIEWER, Recommendations: recommendations, Budgets: () => ({ data: { budgets: [] } }) }, "/?view=optimisation");
    const row = await screen.findByTestId("recommendation-row-r1");
    expect(screen.getByTestId("role").textContent).toBe("Read-only");
    expect(within(row).queryByRole("button")).toBeNull();
    expect(screen.queryByTestId("accept-r1")).toBeNull();
    fireEvent.click(screen.getByTestId("nav-budgets"));
    await screen.findByTestId("no-budgets");
    expect(screen.queryByTestId("budget-define")).toBeNull();
  });

  it("accept sends the mutation and refetches", async () => {
    let accepted = false;
    const api = signedIn(
      {
        Recommendations: () => ({ data: { recommendations: [{ ...recommendation("r1"), status: accepted ? "accepted" : "suggested" }] } }),
        AcceptRecommendation: () => {
          accepted = true;
          return { data: { acceptRecommendation: { ...recommendation("r1"), status: "accepted" } } };
        },
      },
      "/?view=optimisation",
    );
    fireEvent.click(await screen.findByTestId("actions-r1"));
    fireEvent.click(screen.getByTestId("accept-r1"));
    await waitFor(() => expect(screen.queryByTestId("actions-r1")).toBeNull());
    expect(api.calls.find((c) => c.operation === "AcceptRecommendation")!.variables).toEqual({ id: "r1" });
  });
  it("snooze opens an inline form, sends the chosen day and closes; no browser prompt is used", async () => {
    const prompt = vi.spyOn(window, "prompt");
    let snoozed: string | null = null;
    const api = signedIn(
      {
        Recommendations: () => ({ data: { recommendations: [{ ...recommendation("r1"), status: snoozed ? "snoozed" : "suggested", snoozedUntil: snoozed }] } }),
        SnoozeRecommendation: (v) => {
          snoozed = String(v.until);
          return { data: { snoozeRecommendation: { ...recommendation("r1"), status: "snoozed", snoozedUntil: snoozed } } };
        },
      },
      "/?view=optimisation",
    );
    fireEvent.click(await screen.findByTestId("actions-r1"));
    fireEvent.click(screen.getByTestId("snooze-r1"));
    const until = screen.getByLabelText("Hide it until (UTC day)");
    expect(document.activeElement).toBe(until);
    fireEvent.change(until, { target: { value: "2099-01-31" } });
    fireEvent.click(within(screen.getByTestId("snooze-form-r1")).getByRole("button", { name: "Snooze" }));
    await waitFor(() => expect(screen.getByTestId("recommendation-status-r1").textContent).toBe("snoozed until 2099-01-31"));
    expect(screen.queryByTestId("snooze-form-r1")).toBeNull();
    expect(api.calls.find((c) => c.operation === "SnoozeRecommendation")!.variables).toEqual({ id: "r1", until: "2099-01-31T00:00:00Z" });
    expect(prompt).not.toHaveBeenCalled();
  });

  it("dismiss and test ask in inline forms, one at a time; closing one returns the focus to the row's menu", async () => {
    const api = signedIn(
      {
        Recommendations: () => ({ data: { recommendations: [recommendation("r1")] } }),
        TestRecommendation: () => ({ data: { testRecommendation: recommendation("r1") } }),
      },
      "/?view=optimisation",
    );
    fireEvent.click(await screen.findByTestId("actions-r1"));
    fireEvent.click(screen.getByTestId("dismiss-r1"));
    fireEvent.keyDown(screen.getByLabelText("Why dismiss it? (optional)"), { key: "Escape" });
    expect(screen.queryByTestId("dismiss-form-r1")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("actions-r1"));
    fireEvent.click(screen.getByTestId("actions-r1"));
    fireEvent.click(screen.getByTestId("dismiss-r1"));
    expect(screen.getByTestId("dismiss-form-r1")).toBeTruthy();
    fireEvent.click(screen.getByTestId("actions-r1"));
    fireEvent.click(screen.getByTestId("test-r1"));
    expect(screen.queryByTestId("dismiss-form-r1")).toBeNull();
    fireEvent.change(screen.getByLabelText(/Prompts to send to both models/), { target: { value: "one\ntwo" } });
    fireEvent.click(screen.getByRole("button", { name: "Run test" }));
    await waitFor(() => expect(screen.queryByTestId("test-form-r1")).toBeNull());
    expect(api.calls.find((c) => c.operation === "TestRecommendation")!.variables).toEqual({ id: "r1", prompts: ["one", "two"] });
  });
});

describe("sign-in", () => {
  it("keeps the key in sessionStorage and sends it as a bearer token", async () => {
    window.history.replaceState(null, "", "/");
    const api = fakeFetch({ Viewer: ADMIN_VIEWER, FilterOptions: FILTER_OPTIONS, Overview: () => overviewAnswer() });
    render(<App fetchImpl={api.fetch} live={false} />);
    fireEvent.change(screen.getByLabelText("API key"), { target: { value: "tok_abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByTestId("overview-total-cost");
    expect(sessionStorage.getItem("tokenoptimizer.apiKey")).toBe("tok_abc");
    expect(api.calls[0].headers.Authorization).toBe("Bearer tok_abc");
    fireEvent.click(screen.getByTestId("sign-out"));
    expect(sessionStorage.getItem("tokenoptimizer.apiKey")).toBeNull();
    expect(screen.getByLabelText("API key")).toBeTruthy();
  });

  it("a 401 returns to sign-in with a clear message", async () => {
    signedIn({
      Viewer: () => ({ status: 401, body: { title: "Unauthorized", detail: "A valid API key is required." } }),
    });
    expect((await screen.findByTestId("signin-message")).textContent).toContain("refused (401)");
    expect(sessionStorage.getItem("tokenoptimizer.apiKey")).toBeNull();
  });

  it("a 401 during use signs out", async () => {
    let refuse = false;
    signedIn({
      Overview: () => (refuse ? { status: 401, body: { title: "Unauthorized" } } : overviewAnswer()),
      CostAnalysis: () => ({ status: 401, body: { title: "Unauthorized" } }),
    });
    await screen.findByTestId("overview-total-cost");
    refuse = true;
    await act(async () => fireEvent.click(screen.getByTestId("nav-costs")));
    expect((await screen.findByTestId("signin-message")).textContent).toContain("401");
  });
});

describe("server-sent events", () => {
  it("dashboardUpdated refetches the view without a reload", async () => {
    let total = "1";
    const api = fakeFetch({ Viewer: ADMIN_VIEWER, FilterOptions: FILTER_OPTIONS, Overview: () => overviewAnswer({ totalCostUsd: total }) });
    let push: (text: string) => void = () => {};
    const fetchWithStream = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if ((init?.headers as Record<string, string>)?.Accept === "text/event-stream") {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            push = (text) => controller.enqueue(new TextEncoder().encode(text));
          },
        });
        return new Response(stream, { status: 200, headers: { "Content-Type": "text/event-stream" } });
      }
      return api.fetch(input, init);
    }) as typeof fetch;
    sessionStorage.setItem("tokenoptimizer.apiKey", "tok_test");
    render(<App fetchImpl={fetchWithStream} />);
    expect((await screen.findByTestId("overview-total-cost")).textContent).toBe("$1.00");
    await waitFor(() => expect(screen.getByTestId("live-status").textContent).toContain("Live"));
    total = "2.5";
    push('event: next\ndata: {"data":{"dashboardUpdated":{"version":"8","at":"2026-01-01T00:00:00Z"}}}\n\n');
    await waitFor(() => expect(screen.getByTestId("overview-total-cost").textContent).toBe("$2.50"));
  });

  it("splits graphql-sse frames", () => {
    const { events, rest } = parseSse('event: next\ndata: {"data":{"dashboardUpdated":{"version":"7"}}}\n\nevent: complete\ndata: \n\nevent: ne');
    expect(events).toEqual([
      { event: "next", data: '{"data":{"dashboardUpdated":{"version":"7"}}}' },
      { event: "complete", data: "" },
    ]);
    expect(rest).toBe("event: ne");
  });
});
