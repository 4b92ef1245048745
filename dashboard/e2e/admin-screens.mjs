// The Administration view against the API: each admin action from the page, its outcome asked of the API. Nothing here
// changes figures other scenarios compare (a price is only previewed; SLO targets and the allow-list are put back).
import { api, DESKTOP, env, expectFigures, fail, figure, formatUsdExact, openView, PHONE, slug, withPage } from "./harness.mjs";

const SLO_TARGETS = `{ sloTargets { global { availability latencyP95Ms errorRate } } }`;
const SET_SLO = `mutation($g: SloTargetsInput) { setSloTargets(global: $g) { source } }`;
const DRY_RUN = `mutation($p: ModelPriceInput!) { setModelPrice(price: $p) { recordsTouched costBeforeUsd costAfterUsd differenceUsd } }`;

async function listedKeys() {
  const response = await fetch(`${env.BASE_URL.replace(/\/$/, "")}/v1/admin/api-keys`, { headers: { Authorization: `Bearer ${env.ADMIN_KEY}` } });
  if (!response.ok) fail(`listing keys answered ${response.status}`);
  return response.json();
}

async function createKeyAndSeeItListed(page, width) {
  const name = `e2e ${width} ${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("issued-key-secret").innerText()).trim();
  const stored = (await listedKeys()).find((k) => k.name === name) ?? fail(`the API lists no key named ${name}`);
  if (!secret.includes(stored.keyId)) fail(`the shown key ${secret.slice(0, 12)}… is not the listed key ${stored.keyId}`);
  await page.getByTestId(`api-key-${stored.keyId}`).waitFor({ timeout: 15_000 });
  if ((await page.getByTestId("api-keys-table").innerText()).includes(secret)) fail("the key listing shows a secret");
  await page.getByRole("button", { name: "Done, I have copied it" }).click();
  if (await page.getByText(secret).count()) fail("the secret is still on the page after Done");
}

// The page's dry run shows the same re-pricing the API answers for the same price; nothing is recorded.
async function previewAPrice(page) {
  const { models } = await api(env.ADMIN_KEY, `{ models { model catalog { catalogKey } } }`);
  const model = (models.find((m) => m.catalog) ?? fail("the traffic should have a priced model")).model;
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const price = { provider: null, model, effectiveFrom: `${from}T00:00:00Z`, inputPerMillionTokens: "1", outputPerMillionTokens: "2", dryRun: true };
  await page.getByLabel("Model name").fill(model);
  await page.getByLabel("Effective from (UTC)").fill(from);
  await page.getByLabel("Input USD / 1M tokens").fill("1");
  await page.getByLabel("Output USD / 1M tokens").fill("2");
  await page.getByTestId("price-preview").click();
  await page.getByTestId("price-dry-run").waitFor({ timeout: 15_000 });
  const count = await expectFigures(page, async () => {
    const { setModelPrice: r } = await api(env.ADMIN_KEY, DRY_RUN, { p: price });
    return [
      figure("price-records-touched", r.recordsTouched),
      figure("price-cost-before", r.costBeforeUsd, formatUsdExact(r.costBeforeUsd)),
      figure("price-cost-after", r.costAfterUsd, formatUsdExact(r.costAfterUsd)),
      figure("price-difference", r.differenceUsd, formatUsdExact(r.differenceUsd)),
    ];
  });
  console.log(`dry run of ${model}: ${count} figures equal the API's`);
}

async function setAnSloTarget(page, availability) {
  await page.getByLabel("Availability (share, e.g. 0.995)").fill(String(availability));
  await page.getByTestId("slo-save").click();
  const deadline = Date.now() + 15_000;
  while ((await api(env.ADMIN_KEY, SLO_TARGETS)).sloTargets.global.availability !== availability) {
    if (Date.now() > deadline) fail(`the API's availability target is not ${availability} after saving it`);
    await page.waitForTimeout(200);
  }
}

async function disallowThenAllow(page) {
  const { models } = await api(env.ADMIN_KEY, `{ models { catalog { catalogKey } } }`);
  const key = (models.find((m) => m.catalog) ?? fail("no catalog model")).catalog.catalogKey;
  for (const [button, shown] of [["disallow", "disallowed"], ["allow", "allowed"]]) {
    await page.getByTestId(`${button}-${slug(key)}`).first().click();
    await page.getByTestId(`allowance-${slug(key)}`).first().filter({ hasText: new RegExp(`^${shown}`) }).waitFor({ timeout: 15_000 });
  }
}

export const adminScenarios = {
  async "admin-screens-act-through-the-api"() {
    const { sloTargets: before } = await api(env.ADMIN_KEY, SLO_TARGETS);
    try {
      for (const [width, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
        await withPage(viewport, env.ADMIN_KEY, async (page) => {
          await openView(page, "admin");
          await page.getByTestId("api-keys-table").waitFor({ timeout: 15_000 });
          await createKeyAndSeeItListed(page, width);
          await previewAPrice(page);
          await setAnSloTarget(page, width === "desktop" ? 0.9931 : 0.9932);
          await disallowThenAllow(page);
        });
      }
    } finally {
      await api(env.ADMIN_KEY, SET_SLO, { g: before.global });
    }
  },

  async "admin-screens-refused-to-a-read-key"() {
    await withPage(PHONE, env.READ_KEY, async (page) => {
      await openView(page, "admin");
      await page.getByTestId("admin-forbidden").waitFor({ timeout: 15_000 });
      if (await page.getByTestId("nav-admin").count()) fail("a read key is offered the Administration view");
    });
  },
};
