// The provider comparison's figures against the same figures asked of the GraphQL API, at desktop and phone width.
import {
  api, DESKTOP, divideDecimal, env, expectFigures, fail, figure, formatLong, formatMs, formatShare, formatUsd, openView,
  overallHealthScore, PHONE, RANGE, slug, tokensPerSecond, withPage,
} from "./harness.mjs";

async function expectedComparison() {
  const data = await api(env.READ_KEY, `query($f: UsageFilter, $day: UsageFilter) {
    providers { provider healthScore requestsPerMinute uptime7d uptime30d }
    byProvider: costBreakdown(by: PROVIDER, filter: $f) { key costUsd requests costPerRequestUsd }
    byModel: costBreakdown(by: MODEL, filter: $f) { key requests }
    errors(filter: $f, first: 1) { byProvider { key failures } }
    latency(filter: $f, by: PROVIDER) { key p50Ms p95Ms }
    tokens: timeSeries(filter: $f, granularity: HOUR) { requests requestsPerSecond inputTokens outputTokens }
    availability: timeSeries(filter: $day, granularity: HOUR, by: PROVIDER) { bucketStart key requests failures } }`,
  { f: RANGE, day: { range: "LAST_24_HOURS" } });
  if (data.byProvider.length < 2) fail("the traffic should use several providers");
  const failed = new Map(data.errors.byProvider.map((f) => [f.key, f.failures]));
  const latency = new Map(data.latency.map((l) => [l.key, l]));
  const score = overallHealthScore(data.providers);
  // The page buckets a 7-day range by the hour.
  const peak = Math.max(0, ...data.tokens.map(tokensPerSecond));
  return [
    figure("compare-health-score", score, score == null ? "—" : `${score} / 100`),
    figure("compare-peak-tokens-per-second", peak, peak.toFixed(2)),
    ...data.byProvider.flatMap((p) => {
      const id = slug(p.key);
      const failures = failed.get(p.key) ?? "0";
      return [
        figure(`compare-requests-${id}`, p.requests, formatLong(p.requests)),
        figure(`compare-failures-${id}`, failures, formatLong(failures)),
        figure(`compare-p50-${id}`, latency.get(p.key)?.p50Ms, formatMs(latency.get(p.key)?.p50Ms)),
        figure(`compare-p95-${id}`, latency.get(p.key)?.p95Ms, formatMs(latency.get(p.key)?.p95Ms)),
        figure(`compare-cost-${id}`, p.costUsd, formatUsd(p.costUsd)),
        figure(`compare-cost-per-call-${id}`, p.costPerRequestUsd, formatUsd(p.costPerRequestUsd)),
      ];
    }),
    ...data.byModel.map((m) => figure(`compare-model-requests-${slug(m.key)}`, m.requests, formatLong(m.requests))),
    ...data.availability.map((c) =>
      figure(`availability-${slug(c.key)}-${c.bucketStart}`, divideDecimal((BigInt(c.requests) - BigInt(c.failures)).toString(), c.requests, 1n, 6))),
    ...data.providers.flatMap((p) => [
      figure(`slo-7d-${slug(p.provider)}`, p.uptime7d),
      figure(`slo-30d-${slug(p.provider)}`, p.uptime30d),
    ]),
  ];
}

export const comparisonScenarios = {
  // Provider comparison: each provider's calls, failures, latency and cost, requests per model, every cell of the 24 h
  // availability heatmap, SLO availability over 7 and 30 days and the overall health score, at desktop and phone width.
  async "comparison-matches-api"() {
    for (const viewport of [DESKTOP, PHONE]) {
      await withPage(viewport, env.READ_KEY, async (page) => {
        await openView(page, "compare");
        await page.getByTestId("availability-heatmap").waitFor({ timeout: 15_000 });
        console.log(`${await expectFigures(page, expectedComparison)} figures equal the API's at ${viewport.width} px`);
        if (viewport === PHONE) {
          const overflow = await page.evaluate(() => {
            const widest = [...document.querySelectorAll("body *")].reduce((a, e) => (e.getBoundingClientRect().right > a.right ? { right: e.getBoundingClientRect().right, e } : a), { right: 0, e: null });
            return { by: document.documentElement.scrollWidth - window.innerWidth, widest: widest.e ? `${widest.e.tagName}.${widest.e.className}` : "" };
          });
          if (overflow.by > 0) fail(`the page is ${overflow.by} px wider than a phone (widest: ${overflow.widest})`);
        }
      });
    }
  },
};
