import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { ApiKeyListing } from "../api/apiKeys";
import { ADMIN_VIEWER, FILTER_OPTIONS, READ_VIEWER, fakeFetch, type Handlers } from "../test/fakeApi";

const SETTINGS = () => ({
  data: {
    sloTargets: {
      periodDays: 30, source: "configuration", setAt: null,
      global: { availability: 0.995, latencyP95Ms: 2000, errorRate: 0.02 },
      providers: [{ provider: "openai", availability: 0.999, latencyP95Ms: null, errorRate: null }],
    },
    models: [
      { provider: "openai", model: "gpt-4o", catalog: { catalogKey: "gpt-4o", priceVersion: "litellm:1", priceSource: "litellm", inputPerMillionTokensUsd: "2.5", outputPerMillionTokensUsd: "10" } },
      { provider: "acme", model: "house-model", catalog: null },
    ],
  },
});

/** The GraphQL fake, plus the REST key endpoints as the Query service answers them (camelCase, 201 with the secret once). */
function adminApi(handlers: Handlers = {}, viewer = ADMIN_VIEWER) {
  const keys: ApiKeyListing[] = [{ keyId: "0123456789ab", name: "ops", role: "admin", team: null, createdAt: "2026-01-01T10:00:00Z", revokedAt: null }];
  const rest: { method: string; body: unknown }[] = [];
  const graphql = fakeFetch({ Viewer: viewer, FilterOptions: FILTER_OPTIONS, AdminSettings: SETTINGS, ...handlers });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!String(input).includes("/v1/admin/api-keys")) return graphql.fetch(input, init);
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    rest.push({ method: init?.method ?? "GET", body });
    if (init?.method === "POST") {
      if (!body.name) return Response.json({ title: "One or more validation errors occurred.", errors: { name: ["'name' is required: say what or who the key is for."] } }, { status: 400 });
      const created = { keyId: "fedcba987654", name: body.name, role: body.role, team: body.team, createdAt: "2026-01-02T10:00:00Z" };
      keys.push({ ...created, revokedAt: null });
      return Response.json({ ...created, key: "tok_fedcba987654_s3cret" }, { status: 201 });
    }
    return Response.json(keys);
  }) as typeof globalThis.fetch;
  sessionStorage.setItem("tokenoptimizer.apiKey", "tok_test");
  window.history.replaceState(null, "", "/?view=admin");
  render(<App fetchImpl={fetch} live={false} />);
  return { calls: graphql.calls, rest };
}

describe("Administration", () => {
  it("creates a key, shows its secret once, and lists it by its public id", async () => {
    const api = adminApi();
    await screen.findByTestId("api-key-0123456789ab");
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "support dashboard" } });
    fireEvent.change(screen.getByLabelText("Team (optional)"), { target: { value: "support" } });
    fireEvent.click(screen.getByRole("button", { name: "Create key" }));
    expect((await screen.findByTestId("issued-key-secret")).textContent).toBe("tok_fedcba987654_s3cret");
    const row = await screen.findByTestId("api-key-fedcba987654");
    expect(within(row).getByText("support")).toBeTruthy();
    expect(row.textContent).not.toContain("s3cret");
    expect(api.rest.find((c) => c.method === "POST")!.body).toEqual({ name: "support dashboard", role: "read", team: "support" });
    fireEvent.click(screen.getByRole("button", { name: "Done, I have copied it" }));
    expect(screen.queryByText(/s3cret/)).toBeNull();
  });

  it("shows the API's 400 naming the field", async () => {
    adminApi();
    await screen.findByTestId("api-key-0123456789ab");
    fireEvent.submit(screen.getByTestId("key-create-form"));
    expect((await screen.findByRole("alert")).textContent).toContain("'name' is required");
  });

  it("previews a price's re-pricing before it can be recorded, then records it", async () => {
    const repricing = (dryRun: boolean) => ({
      priceVersion: "custom:1", catalogKey: "house-model", dryRun, priceRecorded: !dryRun, recordsTouched: 40, previouslyUnpriced: 40,
      costBeforeUsd: "0", costAfterUsd: "1.2", differenceUsd: "1.2", unchanged: 0, applied: dryRun ? 0 : 40,
    });
    const api = adminApi({ SetModelPrice: (v) => ({ data: { setModelPrice: repricing((v.price as { dryRun: boolean }).dryRun) } }) });
    expect((await screen.findByTestId("unpriced-models")).textContent).toContain("acme/house-model");
    expect(screen.getByTestId("price-record").hasAttribute("disabled")).toBe(true);
    fireEvent.change(screen.getByLabelText("Model name"), { target: { value: "house-model" } });
    fireEvent.change(screen.getByLabelText("Effective from (UTC)"), { target: { value: "2026-01-01" } });
    fireEvent.change(screen.getByLabelText("Input USD / 1M tokens"), { target: { value: "3" } });
    fireEvent.change(screen.getByLabelText("Output USD / 1M tokens"), { target: { value: "15" } });
    fireEvent.click(screen.getByTestId("price-preview"));
    expect((await screen.findByTestId("price-difference")).getAttribute("data-value")).toBe("1.2");
    expect(screen.getByTestId("price-dry-run")).toBeTruthy();
    fireEvent.click(screen.getByTestId("price-record"));
    await screen.findByTestId("price-recorded");
    const sent = api.calls.filter((c) => c.operation === "SetModelPrice").map((c) => c.variables.price);
    expect(sent).toEqual([
      { provider: null, model: "house-model", effectiveFrom: "2026-01-01T00:00:00Z", inputPerMillionTokens: "3", outputPerMillionTokens: "15", dryRun: true },
      { provider: null, model: "house-model", effectiveFrom: "2026-01-01T00:00:00Z", inputPerMillionTokens: "3", outputPerMillionTokens: "15", dryRun: false },
    ]);
  });

  it("sets the global SLO targets and allows or disallows a catalog model", async () => {
    const api = adminApi({
      SetSloTargets: () => ({ data: { setSloTargets: { source: "stored", setAt: "2026-01-02T00:00:00Z", global: { availability: 0.99, latencyP95Ms: 2000, errorRate: 0.02 } } } }),
      SetModelAllowed: (v) => ({ data: { setModelAllowed: { model: v.model, allowed: v.allowed } } }),
    });
    fireEvent.change(await screen.findByLabelText("Availability (share, e.g. 0.995)"), { target: { value: "0.99" } });
    fireEvent.click(screen.getByTestId("slo-save"));
    await waitFor(() => expect(api.calls.some((c) => c.operation === "SetSloTargets")).toBe(true));
    expect(api.calls.find((c) => c.operation === "SetSloTargets")!.variables).toEqual({ global: { availability: 0.99, latencyP95Ms: 2000, errorRate: 0.02 } });

    fireEvent.click(screen.getByTestId("disallow-gpt-4o"));
    expect((await screen.findByTestId("allowance-gpt-4o")).textContent).toBe("disallowed ");
    expect(api.calls.find((c) => c.operation === "SetModelAllowed")!.variables).toEqual({ model: "gpt-4o", allowed: false });
  });

  it("is not offered to a read key, and says why when opened", async () => {
    adminApi({}, READ_VIEWER);
    expect((await screen.findByTestId("admin-forbidden")).textContent).toContain("admin key");
    expect(screen.queryByTestId("nav-admin")).toBeNull();
  });
});
