// Moving around: a chart element or row opens the view filtered by it, and a calendar preset asks the API for its period.
import { api, DESKTOP, env, expectFigures, fail, figure, formatLong, formatUsd, openView, presetStart, RANGE, slug, withPage } from "./harness.mjs";

/** The first page of the logs as the API answers it for this filter, as the figures the Logs view shows. */
function logsFor(filter) {
  return async () => {
    const { usageLog } = await api(env.READ_KEY, `query($f: UsageFilter) { usageLog(filter: $f, first: 50) { edges { node { requestId costUsd } } } }`, { f: filter });
    if (usageLog.edges.length === 0) fail(`the API has no calls for ${JSON.stringify(filter)}: nothing to compare`);
    return usageLog.edges.map(({ node: r }) => figure(`log-cost-${r.requestId}`, r.costUsd, r.costUsd == null ? "unpriced" : formatUsd(r.costUsd)));
  };
}

async function expectUrl(page, wanted) {
  await page.waitForURL((url) => Object.entries(wanted).every(([k, v]) => new URL(url).searchParams.get(k) === v), { timeout: 10_000 });
}

export const navigationScenarios = {
  // From the provider comparison: a provider's row, a bar of the error distribution and a heatmap cell each open the
  // logs filtered by what they show, with the API's rows for that filter.
  async "drill-down-opens-the-filtered-logs"() {
    const { calls, errors, day } = await api(env.READ_KEY, `query($f: UsageFilter) {
      calls: costBreakdown(by: PROVIDER, filter: $f) { key }
      errors(filter: $f, first: 1) { byProvider { key } }
      day: timeSeries(filter: { range: LAST_24_HOURS }, granularity: HOUR, by: PROVIDER) { bucketStart key requests } }`, { f: RANGE });
    const provider = calls.at(-1)?.key ?? fail("no provider has calls");
    const failing = errors.byProvider[0]?.key ?? fail("the generated traffic should hold failures");
    const cell = day.find((c) => Number(c.requests) > 0) ?? fail("no calls in the last 24 hours");
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "compare");
      await page.getByTestId(`compare-drill-${slug(provider)}`).click();
      await expectUrl(page, { view: "logs", providers: provider, range: "LAST_7_DAYS" });
      console.log(`row: ${await expectFigures(page, logsFor({ ...RANGE, providers: [provider] }))} rows of ${provider} equal the API's`);

      await openView(page, "compare");
      await page.getByRole("region", { name: "Error distribution" }).locator(".recharts-bar-rectangle").first().click();
      await expectUrl(page, { view: "logs", providers: failing });
      console.log(`bar: ${await expectFigures(page, logsFor({ ...RANGE, providers: [failing] }))} rows of ${failing} equal the API's`);

      await openView(page, "compare");
      await page.getByTestId(`availability-${slug(cell.key)}-${cell.bucketStart}`).getByRole("button").click();
      await expectUrl(page, { view: "logs", providers: cell.key, from: cell.bucketStart });
      const end = new URL(page.url()).searchParams.get("to");
      if (Date.parse(end) - Date.parse(cell.bucketStart) !== 3_600_000) fail(`the hour's logs end at ${end}, not an hour after ${cell.bucketStart}`);
      console.log(`cell: ${await expectFigures(page, logsFor({ from: cell.bucketStart, to: end, providers: [cell.key] }))} rows of that hour equal the API's`);
    });
  },

  // In Cost analysis, a bar of the model split narrows the view to that model: the totals become the API's for it.
  async "drill-down-narrows-cost-analysis"() {
    const { costBreakdown } = await api(env.READ_KEY, `query($f: UsageFilter) { costBreakdown(by: MODEL, filter: $f) { key } }`, { f: RANGE });
    const model = costBreakdown[0]?.key ?? fail("no model has calls");
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "costs");
      await page.getByRole("region", { name: "Cost by model" }).locator(".recharts-bar-rectangle").first().click();
      await expectUrl(page, { view: "costs", models: model, range: "LAST_7_DAYS" });
      const count = await expectFigures(page, async () => {
        const { overview: o } = await api(env.READ_KEY, `query($f: UsageFilter) { overview(filter: $f) { totalCostUsd totalTokens } }`, { f: { ...RANGE, models: [model] } });
        return [figure("costs-total-cost", o.totalCostUsd, formatUsd(o.totalCostUsd)), figure("costs-total-tokens", o.totalTokens, formatLong(o.totalTokens))];
      });
      console.log(`${model}: ${count} figures equal the API's`);
    });
  },

  // Each calendar preset, chosen in the filter bar, goes into the URL and shows the API's figures from the period's start.
  async "presets-ask-for-their-period"() {
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await openView(page, "overview");
      for (const preset of ["TODAY", "THIS_WEEK", "THIS_MONTH", "THIS_QUARTER", "ALL_TIME"]) {
        await page.selectOption("#filter-range", preset);
        await expectUrl(page, { view: "overview", range: preset });
        const count = await expectFigures(page, async () => {
          const { overview: o } = await api(env.READ_KEY, `query($f: UsageFilter) { overview(filter: $f) { totalCostUsd requests } }`, { f: { from: presetStart(preset) } });
          return [figure("overview-total-cost", o.totalCostUsd, formatUsd(o.totalCostUsd)), figure("overview-requests", o.requests, formatLong(o.requests))];
        });
        console.log(`${preset}: ${count} figures equal the API's`);
      }
    });
  },
};
