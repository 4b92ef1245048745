// End-to-end scenarios: playwright-core driving Debian's Chromium against the running system.
// Run by tests/Dashboard.EndToEndTests (one scenario per test): node e2e/scenarios.mjs <scenario>.
// Environment: BASE_URL (Query, serving the dashboard), INGESTION_URL, ADMIN_KEY, READ_KEY, CHROMIUM, ARTEFACTS.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const env = process.env;
const base = env.BASE_URL.replace(/\/$/, "");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const VIEWS = ["overview", "costs", "optimisation", "performance", "patterns", "providers", "budgets", "logs"];

function fail(message) {
  throw new Error(message);
}

async function api(key, query, variables) {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) fail(`API errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function withPage(viewport, key, run) {
  const browser = await chromium.launch({
    executablePath: env.CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport });
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error.stack ?? error)));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.goto(`${base}/`);
    await page.fill("#api-key", key);
    await page.click("button[type=submit]");
    await page.waitForSelector("#api-key", { state: "detached", timeout: 15_000 });
    try {
      await run(page);
    } catch (error) {
      mkdirSync(env.ARTEFACTS, { recursive: true });
      await page.screenshot({ path: join(env.ARTEFACTS, `failed-${process.argv[2]}.png`), fullPage: true }).catch(() => {});
      const text = await page.locator("body").innerText().catch(() => "");
      throw new Error(`${error.message}\n--- page text at ${page.url()} ---\n${text.slice(0, 1500)}\n--- page errors ---\n${errors.join("\n").slice(0, 3000)}`);
    }
  } finally {
    await browser.close();
  }
}

async function valueOf(page, testId) {
  const figure = page.getByTestId(testId);
  await figure.waitFor({ timeout: 15_000 });
  return figure.getAttribute("data-value");
}

// The figure shows exactly what the API answers (raw values compared, not formatted text).
async function expectFigure(page, testId, expected, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let actual;
  do {
    actual = await valueOf(page, testId);
    if (String(actual) === String(expected)) return;
    await page.waitForTimeout(100);
  } while (Date.now() < deadline);
  fail(`${testId}: the page shows ${actual}, the API answers ${expected}`);
}

const OVERVIEW = `query($filter: UsageFilter) { overview(filter: $filter) { totalCostUsd requests successRate p95LatencyMs projectedMonthEndUsd } }`;

const scenarios = {
  // Every view renders without an error at desktop and phone width; a screenshot of each is kept.
  async "every-view-renders"() {
    mkdirSync(env.ARTEFACTS, { recursive: true });
    for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      await withPage(viewport, env.ADMIN_KEY, async (page) => {
        for (const view of VIEWS) {
          await page.goto(`${base}/?view=${view}&range=LAST_7_DAYS`);
          // The live subscription keeps a request open, so "network idle" never comes: wait for the view's own content.
          await page.waitForSelector("main [data-testid], main table, main .state", { timeout: 15_000 });
          const alert = page.locator("[role=alert]");
          if (await alert.count()) fail(`${view} at ${name} width shows an error: ${await alert.first().innerText()}`);
          await page.screenshot({ path: join(env.ARTEFACTS, `${view}-${name}.png`), fullPage: true });
        }
      });
    }
  },

  // The Overview's figures equal the API's for the same filter.
  async "overview-matches-api"() {
    const { overview } = await api(env.READ_KEY, OVERVIEW, { filter: { range: "LAST_7_DAYS" } });
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await page.goto(`${base}/?view=overview&range=LAST_7_DAYS`);
      await expectFigure(page, "overview-total-cost", overview.totalCostUsd);
      await expectFigure(page, "overview-requests", overview.requests);
      await expectFigure(page, "overview-projected-month-end", overview.projectedMonthEndUsd);
    });
  },

  // Choosing a model changes the URL and the numbers, to the API's for that model.
  async "filter-changes-numbers-and-url"() {
    const { costBreakdown } = await api(env.READ_KEY, `{ costBreakdown(by: MODEL, filter: {range: LAST_7_DAYS}) { key } }`);
    const model = costBreakdown[0].key;
    const { overview } = await api(env.READ_KEY, OVERVIEW, { filter: { range: "LAST_7_DAYS", models: [model] } });
    const { overview: all } = await api(env.READ_KEY, OVERVIEW, { filter: { range: "LAST_7_DAYS" } });
    if (overview.totalCostUsd === all.totalCostUsd) fail("the chosen model's cost equals the total: pick traffic with several models");
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await page.goto(`${base}/?view=overview&range=LAST_7_DAYS`);
      await expectFigure(page, "overview-total-cost", all.totalCostUsd);
      await page.selectOption("#filter-models", model);
      await page.waitForURL((url) => new URL(url).searchParams.get("models") === model, { timeout: 10_000 });
      await expectFigure(page, "overview-total-cost", overview.totalCostUsd);
    });
  },

  // A record sent to Ingestion shows up on the open Overview without a reload.
  async "new-record-shows-live"() {
    const created = await fetch(`${env.INGESTION_URL.replace(/\/$/, "")}/v1/admin/api-keys`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${env.ADMIN_KEY}` },
      body: JSON.stringify({ name: "e2e producer", role: "ingest" }),
    }).then((r) => r.json());
    await withPage(DESKTOP, env.READ_KEY, async (page) => {
      await page.goto(`${base}/?view=overview&range=LAST_24_HOURS`);
      const before = Number(await valueOf(page, "overview-requests"));
      const sent = await fetch(`${env.INGESTION_URL.replace(/\/$/, "")}/v1/usage`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${created.key}` },
        body: JSON.stringify({ records: [{
          requestId: `e2e-${Date.now()}`, occurredAt: new Date().toISOString(), provider: "openai", model: "gpt-4o-mini",
          feature: "e2e", inputTokens: 100, outputTokens: 10, latencyMs: 300, outcome: "succeeded",
        }] }),
      });
      if (!sent.ok) fail(`ingestion answered ${sent.status}: ${await sent.text()}`);
      const started = Date.now();
      // Within 2 s on an idle machine; CI runs other test assemblies beside this one, so allow far more.
      await expectFigure(page, "overview-requests", before + 1, 60_000);
      console.log(`shown ${Date.now() - started} ms after ingestion accepted it`);
    });
  },

  // A read key sees no admin actions; an admin key does.
  async "read-key-sees-no-admin-actions"() {
    for (const [key, admin] of [[env.READ_KEY, false], [env.ADMIN_KEY, true]]) {
      await withPage(DESKTOP, key, async (page) => {
        await page.goto(`${base}/?view=budgets&range=LAST_7_DAYS`);
        await page.waitForSelector("main [data-testid], main .state", { timeout: 15_000 });
        const define = await page.getByTestId("budget-define").count();
        if (admin && define === 0) fail("an admin key should be offered to define a budget");
        if (!admin && define > 0) fail("a read key must not be offered to define a budget");
      });
    }
  },
};

const name = process.argv[2];
if (!scenarios[name]) {
  console.error(`unknown scenario '${name}'; known: ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}

try {
  await scenarios[name]();
} catch (error) {
  console.error(error.stack ?? String(error));
  process.exit(1);
}
