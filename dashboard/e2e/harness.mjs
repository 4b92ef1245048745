// What every browser scenario uses: the environment, the API, a signed-in page, and the comparison of the figures a
// page shows with the API's.
import { chromium } from "playwright-core";
import ts from "typescript";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const env = process.env;
export const base = env.BASE_URL.replace(/\/$/, "");
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };
export const VIEWS = ["overview", "costs", "business", "optimisation", "performance", "patterns", "providers", "compare", "budgets", "logs", "admin"];
export const RANGE = { range: "LAST_7_DAYS" };

// The figures the API answers are formatted with the dashboard's own rules (src/decimal.ts, covered by Vitest), so a
// figure's text is compared exactly as well as its raw value.
async function loadTs(path) {
  const source = readFileSync(new URL(path, import.meta.url), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return import("data:text/javascript;base64," + Buffer.from(js).toString("base64"));
}
export const { compareDecimal, formatUsd, formatUsdExact, formatLong, formatShare, formatMs, formatDecimal, formatPercentChange, divideDecimal } = await loadTs("../src/decimal.ts");
export const { slug } = await loadTs("../src/views/common.ts");
export const { overallHealthScore, tokensPerSecond } = await loadTs("../src/views/providerFigures.ts");
export const { presetStart } = await loadTs("../src/state/presets.ts");

export function fail(message) {
  throw new Error(message);
}

export async function api(key, query, variables) {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) fail(`API errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function withPage(viewport, key, run) {
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

export async function valueOf(page, testId) {
  const figure = page.getByTestId(testId);
  await figure.waitFor({ timeout: 15_000 });
  return figure.getAttribute("data-value");
}

// The figure shows exactly what the API answers (raw values compared, not formatted text).
export async function expectFigure(page, testId, expected, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let actual;
  do {
    actual = await valueOf(page, testId);
    if (String(actual) === String(expected)) return;
    await page.waitForTimeout(100);
  } while (Date.now() < deadline);
  fail(`${testId}: the page shows ${actual}, the API answers ${expected}`);
}

/** An expected figure: the element with this data-testid carries the API's raw value and shows it formatted so. */
export const figure = (testId, raw, text) => ({ testId, raw: raw == null ? "" : String(raw), text });

/** Every figure on the page in one look: data-testid → raw value and shown text. */
export function figuresOn(page) {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll("[data-testid][data-value]")].map((e) => [e.dataset.testid, { raw: e.dataset.value, text: e.textContent.trim() }])),
  );
}

/**
 * Waits until each expected figure is on the page with the API's raw value and text. `expected` is asked again on
 * each look, so a figure that follows the clock (a projection) is compared with the API's answer of the moment.
 */
export async function expectFigures(page, expected, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let wrong;
  let count = 0;
  do {
    const shown = await figuresOn(page);
    const wanted = await expected();
    count = wanted.length;
    wrong = wanted.filter((f) => shown[f.testId]?.raw !== f.raw || (f.text !== undefined && shown[f.testId]?.text !== f.text))
      .map((f) => `${f.testId}: the page shows ${JSON.stringify(shown[f.testId] ?? null)}, the API answers ${JSON.stringify({ raw: f.raw, text: f.text })}`);
    if (wrong.length === 0) return count;
    await page.waitForTimeout(200);
  } while (Date.now() < deadline);
  fail(`${wrong.length} of ${count} figures differ from the API's:\n${wrong.slice(0, 15).join("\n")}`);
}

export async function openView(page, view) {
  await page.goto(`${base}/?view=${view}&range=LAST_7_DAYS`);
  await page.waitForSelector("main [data-testid], main table, main .state", { timeout: 15_000 });
}
