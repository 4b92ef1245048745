import { describe, expect, it } from "vitest";
import { recommendation } from "../../test/fakeApi";
import { groupByFeature, pageOf } from "./featureGroups";

const rec = (id: string, feature: string, monthlySavingUsd: string) => ({ ...recommendation(id), feature, monthlySavingUsd });

describe("groupByFeature", () => {
  it("puts the feature with the largest single saving first, each feature's largest first, comparing decimals exactly", () => {
    const groups = groupByFeature([
      rec("a", "search", "99.99"),
      rec("b", "chat", "9.5"),
      rec("c", "chat", "100.001"),
      rec("d", "search", "100.0009"),
    ]);
    expect(groups.map((g) => g.feature)).toEqual(["chat", "search"]);
    expect(groups[0].recommendations.map((r) => r.id)).toEqual(["c", "b"]);
    expect(groups[0].topSavingUsd).toBe("100.001");
    expect(groups[1].recommendations.map((r) => r.id)).toEqual(["d", "a"]);
  });
});

describe("pageOf", () => {
  it("slices pages and keeps a page past the end on the last one", () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    expect(pageOf(items, 0, 5)).toEqual({ items: [1, 2, 3, 4, 5], page: 0, pages: 2 });
    expect(pageOf(items, 9, 5)).toEqual({ items: [6, 7], page: 1, pages: 2 });
    expect(pageOf([], 0, 5)).toEqual({ items: [], page: 0, pages: 1 });
  });
});
