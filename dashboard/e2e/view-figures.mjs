// Every view's figures against the same figures asked of the GraphQL API by the test, raw value and shown text.
import {
  api, compareDecimal, divideDecimal, DESKTOP, env, expectFigures, fail, figure, formatDecimal, formatLong, formatMs, formatPercentChange, formatShare,
  formatUsd, openView, PHONE, RANGE, slug, withPage,
} from "./harness.mjs";

export const viewScenarios = {
  // The Overview's figures equal the API's for the same filter.
  async "overview-matches-api"() {
    const expected = async () => {
      const { overview: o, recommendations } = await api(env.READ_KEY, `query($f: UsageFilter) {
        overview(filter: $f) { totalCostUsd costChangePercent requests averageCostPerRequestUsd projectedMonthEndUsd projectedAnnualUsd
          successRate p95LatencyMs optimisationPotentialUsd documentedSavingsUsd }
        recommendations(status: "suggested", limit: 5) { id monthlySavingUsd } }`, { f: RANGE });
      const change = o.costChangePercent;
      return [
        figure("overview-total-cost", o.totalCostUsd, formatUsd(o.totalCostUsd)),
        figure("overview-cost-change", change, change == null ? "no spend in the previous period" : `${formatPercentChange(change)} vs previous period`),
        figure("overview-requests", o.requests, formatLong(o.requests)),
        figure("overview-average-cost", o.averageCostPerRequestUsd, formatUsd(o.averageCostPerRequestUsd)),
        figure("overview-projected-month-end", o.projectedMonthEndUsd, formatUsd(o.projectedMonthEndUsd)),
        figure("overview-projected-annual", o.projectedAnnualUsd, formatUsd(o.projectedAnnualUsd)),
        figure("overview-success-rate", o.successRate, formatShare(o.successRate, 2)),
        figure("overview-p95-latency", o.p95LatencyMs, formatMs(o.p95LatencyMs)),
        figure("overview-optimisation-potential", o.optimisationPotentialUsd, formatUsd(o.optimisationPotentialUsd)),
        figure("overview-documented-savings", o.documentedSavingsUsd, formatUsd(o.documentedSavingsUsd)),
        ...recommendations.map((r) => figure(`recommendation-saving-${r.id}`, r.monthlySavingUsd, `${formatUsd(r.monthlySavingUsd)}/mo`)),
      ];
    };
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "overview");
      console.log(`${await expectFigures(page, expected)} figures equal the API's`);
    });
  },

  // Cost analysis: the totals and every row of the model, feature, provider and team breakdowns.
  async "costs-match-api"() {
    const expected = async () => {
      const shares = `key costUsd share requests totalTokens trendPercent`;
      const data = await api(env.READ_KEY, `query($f: UsageFilter) {
        overview(filter: $f) { totalCostUsd totalTokens costPer1MTokensUsd }
        model: costBreakdown(by: MODEL, filter: $f) { ${shares} }
        feature: costBreakdown(by: FEATURE, filter: $f) { ${shares} }
        provider: costBreakdown(by: PROVIDER, filter: $f) { ${shares} }
        team: costBreakdown(by: TEAM, filter: $f) { ${shares} } }`, { f: RANGE });
      const o = data.overview;
      const rows = ["model", "feature", "provider", "team"].flatMap((dimension) =>
        data[dimension].flatMap((r) => {
          const id = `${dimension}-${slug(r.key)}`;
          const per1M = divideDecimal(r.costUsd, r.totalTokens, 1_000_000n, 6);
          return [
            figure(`cost-${id}`, r.costUsd, formatUsd(r.costUsd)),
            figure(`share-${id}`, r.share, formatShare(r.share)),
            figure(`requests-${id}`, r.requests, formatLong(r.requests)),
            figure(`per1m-${id}`, per1M, formatUsd(per1M)),
            figure(`trend-${id}`, r.trendPercent, formatPercentChange(r.trendPercent)),
          ];
        }));
      if (data.model.length < 2) fail("the traffic should use several models");
      return [
        figure("costs-total-cost", o.totalCostUsd, formatUsd(o.totalCostUsd)),
        figure("costs-total-tokens", o.totalTokens, formatLong(o.totalTokens)),
        figure("costs-per-1m-tokens", o.costPer1MTokensUsd, formatUsd(o.costPer1MTokensUsd)),
        ...rows,
      ];
    };
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "costs");
      console.log(`${await expectFigures(page, expected)} figures equal the API's`);
    });
  },

  // Model optimisation, grouped by feature and paged: the top saving is the API's largest open one, each recommendation on the
  // first page shows the API's saving and confidence, at desktop and phone width; then an admin snoozes one from its menu.
  async "optimisation-matches-api-and-snoozes"() {
    const list = async () => (await api(env.ADMIN_KEY, `{ recommendations(limit: 100) { id status monthlySavingUsd confidence confidenceLabel snoozedUntil } }`)).recommendations;
    const open = (all) => all.filter((r) => ["suggested", "tested", "snoozed"].includes(r.status));
    if (open(await list()).length === 0) fail("the generated traffic should have given at least one open recommendation");
    const expected = (page) => async () => {
      const recommendations = open(await list());
      const top = recommendations.map((r) => r.monthlySavingUsd).sort((a, b) => compareDecimal(b, a))[0];
      const onPage = new Set(await page.evaluate(() => [...document.querySelectorAll("[data-testid^=recommendation-row-]")].map((e) => e.dataset.testid.slice(19))));
      return [
        figure("optimisation-top-saving", top, formatUsd(top)),
        ...recommendations.filter((r) => onPage.has(r.id)).flatMap((r) => [
          figure(`recommendation-saving-${r.id}`, r.monthlySavingUsd, formatUsd(r.monthlySavingUsd)),
          figure(`recommendation-confidence-${r.id}`, r.confidence, `${r.confidenceLabel} (${formatShare(r.confidence, 0)})`),
        ]),
      ];
    };
    await withPage(PHONE, env.ADMIN_KEY, async (page) => {
      await openView(page, "optimisation");
      console.log(`phone: ${await expectFigures(page, expected(page))} figures equal the API's`);
    });
    await withPage(DESKTOP, env.ADMIN_KEY, async (page) => {
      await openView(page, "optimisation");
      console.log(`desktop: ${await expectFigures(page, expected(page))} figures equal the API's`);

      const rows = await page.evaluate(() => [...document.querySelectorAll("[data-testid^=recommendation-row-]")].map((e) => e.dataset.testid.slice(19)));
      const target = open(await list()).find((r) => r.status !== "snoozed" && rows.includes(r.id)) ?? fail("no recommendation on the page left to snooze");
      const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      await page.getByTestId(`actions-${target.id}`).click();
      await page.getByTestId(`snooze-${target.id}`).click();
      const day = page.getByLabel("Hide it until (UTC day)");
      if (!(await day.evaluate((e) => e === document.activeElement))) fail("the snooze form should take the focus");
      await day.fill(until);
      await page.getByTestId(`snooze-form-${target.id}`).getByRole("button", { name: "Snooze" }).click();
      await page.getByTestId(`snooze-form-${target.id}`).waitFor({ state: "detached", timeout: 15_000 });
      const after = (await list()).find((r) => r.id === target.id);
      if (after.status !== "snoozed" || !after.snoozedUntil?.startsWith(until)) fail(`the API shows ${JSON.stringify(after)} after snoozing until ${until}`);
      const status = page.getByTestId(`recommendation-status-${target.id}`);
      await status.filter({ hasText: `until ${until}` }).waitFor({ timeout: 15_000 });
    });
  },

  // Performance: the headline figures and each model's latency percentiles and cost per request.
  async "performance-matches-api"() {
    const expected = async () => {
      const { overview: o, latency, cost } = await api(env.READ_KEY, `query($f: UsageFilter) {
        overview(filter: $f) { requests successRate p95LatencyMs }
        latency(filter: $f, by: MODEL) { key requests p50Ms p95Ms p99Ms p999Ms ttftP50Ms }
        cost: costBreakdown(by: MODEL, filter: $f) { key costPerRequestUsd } }`, { f: RANGE });
      const perRequest = new Map(cost.map((c) => [c.key, c.costPerRequestUsd]));
      return [
        figure("performance-requests", o.requests, formatLong(o.requests)),
        figure("performance-success-rate", o.successRate, formatShare(o.successRate, 2)),
        figure("performance-p95-latency", o.p95LatencyMs, formatMs(o.p95LatencyMs)),
        ...latency.flatMap((l) => {
          const id = slug(l.key);
          return [
            figure(`perf-requests-${id}`, l.requests, formatLong(l.requests)),
            ...["p50Ms", "p95Ms", "p99Ms", "p999Ms", "ttftP50Ms"].map((field) =>
              figure(`perf-${{ p50Ms: "p50", p95Ms: "p95", p99Ms: "p99", p999Ms: "p999", ttftP50Ms: "ttft" }[field]}-${id}`, l[field], formatMs(l[field]))),
            figure(`perf-cost-per-request-${id}`, perRequest.get(l.key), formatUsd(perRequest.get(l.key))),
          ];
        }),
      ];
    };
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "performance");
      console.log(`${await expectFigures(page, expected)} figures equal the API's`);
    });
  },

  // Usage patterns: requests, peak hours, estimate accuracy, all 168 heatmap cells and the token ratios.
  async "patterns-match-api"() {
    const expected = async () => {
      const { overview, usagePatterns: p } = await api(env.READ_KEY, `query($f: UsageFilter) {
        overview(filter: $f) { requests }
        usagePatterns(filter: $f) { heatmap { weekday hour requests } peakHours { hour } ratioByModel { model inputTokens outputTokens }
          tokenEfficiency { estimateAccuracy } } }`, { f: RANGE });
      const cells = new Map(p.heatmap.map((c) => [`${c.weekday}-${c.hour}`, c.requests]));
      const hours = p.peakHours.map((h) => h.hour);
      return [
        figure("patterns-requests", overview.requests, formatLong(overview.requests)),
        figure("patterns-peak-hours", hours.join(","), hours.map((h) => `${h}:00`).join(", ") || "—"),
        figure("patterns-estimate-accuracy", p.tokenEfficiency.estimateAccuracy, formatShare(p.tokenEfficiency.estimateAccuracy, 1)),
        ...Array.from({ length: 7 * 24 }, (_, i) => {
          const requests = cells.get(`${Math.floor(i / 24) + 1}-${i % 24}`) ?? 0;
          return figure(`heatmap-${Math.floor(i / 24) + 1}-${i % 24}`, requests, formatLong(requests));
        }),
        ...p.ratioByModel.flatMap((r) => [
          figure(`ratio-input-${slug(r.model)}`, r.inputTokens, formatLong(r.inputTokens)),
          figure(`ratio-output-${slug(r.model)}`, r.outputTokens, formatLong(r.outputTokens)),
        ]),
      ];
    };
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "patterns");
      console.log(`${await expectFigures(page, expected)} figures equal the API's`);
    });
  },

  // Providers & incidents: uptime over the range per provider (from calls and failures asked for apart) and failures by type.
  async "providers-match-api"() {
    const expected = async () => {
      const { calls, errors } = await api(env.READ_KEY, `query($f: UsageFilter) {
        calls: costBreakdown(by: PROVIDER, filter: $f) { key requests }
        errors(filter: $f, first: 1) { byProvider { key failures } byType { key failures } } }`, { f: RANGE });
      const failed = new Map(errors.byProvider.map((f) => [f.key, BigInt(f.failures)]));
      if (errors.byType.length === 0) fail("the generated traffic should hold failures");
      return [
        ...calls.flatMap((c) => {
          const id = slug(c.key);
          const failures = failed.get(c.key) ?? 0n;
          const share = divideDecimal((BigInt(c.requests) - failures).toString(), String(c.requests), 1n, 6);
          return [
            figure(`uptime-requests-${id}`, c.requests, formatLong(c.requests)),
            figure(`uptime-failures-${id}`, failures, formatLong(failures.toString())),
            figure(`uptime-success-${id}`, share, formatShare(share, 2)),
          ];
        }),
        ...errors.byType.map((f) => figure(`failures-${slug(f.key)}`, f.failures, formatLong(f.failures))),
      ];
    };
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "providers");
      await page.getByTestId("uptime-chart").waitFor({ timeout: 15_000 });
      console.log(`${await expectFigures(page, expected)} figures equal the API's`);
    });
  },

  // Budgets: a budget an admin defined, as a read key sees it: spent, remaining, forecast and share used.
  async "budgets-match-api"() {
    const { defineBudget } = await api(env.ADMIN_KEY, `mutation($b: BudgetInput!) { defineBudget(budget: $b) { budgetId } }`,
      { b: { name: `e2e organisation ${Date.now()}`, scopeKind: "organization", amountUsd: "25", period: "month", thresholdsPercent: ["50", "100"] } });
    const id = defineBudget.budgetId;
    const status = async () => (await api(env.READ_KEY, `{ budgets { budgetId spentUsd remainingUsd percentUsed projectedSpendUsd } }`)).budgets.find((b) => b.budgetId === id);
    // Aggregation stores the definition and starts following it: wait until the API lists it.
    const deadline = Date.now() + 60_000;
    while (!(await status())) {
      if (Date.now() > deadline) fail(`budget ${id} was defined but is not listed after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const expected = async () => {
      const budget = await status();
      return [
        figure(`budget-spent-${id}`, budget.spentUsd, formatUsd(budget.spentUsd)),
        figure(`budget-remaining-${id}`, budget.remainingUsd, formatUsd(budget.remainingUsd)),
        figure(`budget-projected-${id}`, budget.projectedSpendUsd, formatUsd(budget.projectedSpendUsd)),
        figure(`budget-percent-${id}`, budget.percentUsed, `${formatDecimal(budget.percentUsed, 1)}%`),
      ];
    };
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "budgets");
      console.log(`${await expectFigures(page, expected)} figures equal the API's`);
    });
  },

  // Logs: the first page holds the API's newest 50 requests, in its order, with their costs.
  async "logs-match-api"() {
    const expected = async () => {
      const { usageLog } = await api(env.READ_KEY, `query($f: UsageFilter) { usageLog(filter: $f, first: 50) { edges { node { requestId costUsd } } } }`, { f: RANGE });
      return usageLog.edges.map(({ node: r }) => figure(`log-cost-${r.requestId}`, r.costUsd, r.costUsd == null ? "unpriced" : formatUsd(r.costUsd)));
    };
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "logs");
      const count = await expectFigures(page, expected);
      if (count !== 50) fail(`the API answered ${count} rows for a page of 50`);
      const apiOrder = (await expected()).map((f) => f.testId.replace("log-cost-", ""));
      const pageOrder = await page.evaluate(() => [...document.querySelectorAll("[data-testid^='log-row-']")].map((e) => e.dataset.testid.replace("log-row-", "")));
      if (JSON.stringify(pageOrder) !== JSON.stringify(apiOrder)) fail(`rows in another order than the API's:\npage ${pageOrder.join(",")}\napi  ${apiOrder.join(",")}`);
      console.log(`${count} rows equal the API's`);
    });
  },
};
