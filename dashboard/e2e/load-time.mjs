// Time to a fully rendered Overview: from navigation until every headline figure holds a value and the cost trend is
// drawn. Prints one JSON line: cold_ms (fresh browser, first load after the Query service started), warm p50/p95
// (reloads in the same browser). Used by bench/DashboardLoad. Environment: BASE_URL, ADMIN_KEY, CHROMIUM.
import { chromium } from "playwright-core";

const base = process.env.BASE_URL.replace(/\/$/, "");
const FIGURES = ["overview-total-cost", "overview-requests", "overview-average-cost", "overview-projected-month-end",
  "overview-success-rate", "overview-p95-latency"];
const url = `${base}/?view=overview&range=LAST_30_DAYS`;

async function rendered(page) {
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction((ids) => ids.every((id) => {
    const element = document.querySelector(`[data-testid="${id}"]`);
    return element && element.getAttribute("data-value") !== null && element.getAttribute("data-value") !== "";
  }) && document.querySelector('[data-testid="overview-trend-chart"] .recharts-line path'), FIGURES, { timeout: 30_000 });
  return Date.now() - started;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Signing in stores the key in the tab's session; it is not part of what is timed.
  await context.addInitScript((key) => sessionStorage.setItem("tokenoptimizer.apiKey", key), process.env.ADMIN_KEY);
  const page = await context.newPage();
  let cold;
  try {
    cold = await rendered(page);
  } catch (error) {
    await page.screenshot({ path: "/tmp/load-time-failure.png" });
    throw new Error(`${error.message}\n${(await page.locator("body").innerText()).slice(0, 800)}`);
  }
  const warm = [];
  for (let i = 0; i < 20; i++) warm.push(await rendered(page));
  warm.sort((a, b) => a - b);
  console.log(JSON.stringify({ cold_ms: cold, warm_p50_ms: warm[Math.floor(0.5 * (warm.length - 1))], warm_p95_ms: warm[Math.floor(0.95 * (warm.length - 1))] }));
} finally {
  await browser.close();
}
