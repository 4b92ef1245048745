import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import { ADMIN_VIEWER, FILTER_OPTIONS, fakeFetch, recommendation } from "../test/fakeApi";

// Twelve features with two recommendations each: feature f00 saves $10.xx, f01 $11.xx, … so f11 has the top saving.
const many = Array.from({ length: 12 }, (_, i) => {
  const feature = `f${String(i).padStart(2, "0")}`;
  return [
    { ...recommendation(`${feature}-small`), feature, monthlySavingUsd: `${i + 1}.25` },
    { ...recommendation(`${feature}-large`), feature, monthlySavingUsd: `${i + 10}.75` },
  ];
}).flat();

function openOptimisation() {
  sessionStorage.setItem("tokenoptimizer.apiKey", "tok_test");
  window.history.replaceState(null, "", "/?view=optimisation");
  const api = fakeFetch({ Viewer: ADMIN_VIEWER, FilterOptions: FILTER_OPTIONS, Recommendations: () => ({ data: { recommendations: many } }) });
  render(<App fetchImpl={api.fetch} live={false} />);
}

describe("Model optimisation", () => {
  it("groups by feature, top saving first, five features a page", async () => {
    openOptimisation();
    const top = await screen.findByTestId("optimisation-top-saving");
    // The largest saving is f11's larger one: 11 + 10 + 0.75.
    expect(top.getAttribute("data-value")).toBe("21.75");
    expect(top.textContent).toBe("$21.75");
    const firstPage = screen.getAllByRole("region").map((s) => s.getAttribute("aria-label"));
    expect(firstPage).toEqual(["f11", "f10", "f09", "f08", "f07"]);
    const rows = screen.getAllByTestId(/^recommendation-row-f11/).map((r) => r.getAttribute("data-testid"));
    expect(rows).toEqual(["recommendation-row-f11-large", "recommendation-row-f11-small"]);
    expect(screen.getByTestId("optimisation-page").textContent).toBe("Page 1 of 3");

    fireEvent.click(screen.getByTestId("optimisation-next"));
    fireEvent.click(screen.getByTestId("optimisation-next"));
    expect(screen.getAllByRole("region").map((s) => s.getAttribute("aria-label"))).toEqual(["f01", "f00"]);
    expect(screen.getByTestId("optimisation-next").hasAttribute("disabled")).toBe(true);
  });

  it("shows one menu button per recommendation, its choices only once opened", async () => {
    openOptimisation();
    await screen.findByTestId("optimisation-top-saving");
    expect(screen.getAllByRole("button", { name: /Actions/ })).toHaveLength(10);
    expect(screen.queryByRole("menu")).toBeNull();
    fireEvent.click(screen.getByTestId("actions-f11-large"));
    expect(screen.getAllByRole("menuitem").map((m) => m.textContent)).toEqual(["Accept", "Dismiss…", "Snooze…", "Test with prompts…"]);
    fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
  });
});
