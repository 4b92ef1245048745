import { describe, expect, it } from "vitest";
import { filtersFromSearch, granularityFor, searchFor, toUsageFilter } from "./filters";
import { presetStart } from "./presets";

// Wednesday 18 November 2026, 15:30 UTC.
const NOW = Date.parse("2026-11-18T15:30:00Z");

describe("calendar presets", () => {
  it("start at the UTC boundary of the day, week (Monday), month and quarter", () => {
    expect(presetStart("TODAY", NOW)).toBe("2026-11-18T00:00:00Z");
    expect(presetStart("THIS_WEEK", NOW)).toBe("2026-11-16T00:00:00Z");
    expect(presetStart("THIS_MONTH", NOW)).toBe("2026-11-01T00:00:00Z");
    expect(presetStart("THIS_QUARTER", NOW)).toBe("2026-10-01T00:00:00Z");
    // 799 days before 18 November 2026: 730 days (no leap day between) back to 18 November 2024, 69 more to 10 September.
    expect(presetStart("ALL_TIME", NOW)).toBe("2024-09-10T00:00:00Z");
  });

  it("starts the week on the Monday before a Sunday, and on that Monday itself", () => {
    expect(presetStart("THIS_WEEK", Date.parse("2026-11-22T23:59:00Z"))).toBe("2026-11-16T00:00:00Z");
    expect(presetStart("THIS_WEEK", Date.parse("2026-11-16T00:00:00Z"))).toBe("2026-11-16T00:00:00Z");
  });

  it("travel in the URL by name and reach the API as the period's start", () => {
    const filters = filtersFromSearch("?view=costs&range=THIS_MONTH");
    expect(filters.range).toBe("THIS_MONTH");
    expect(searchFor("costs", filters)).toBe("?view=costs&range=THIS_MONTH");
    expect(toUsageFilter(filters).range).toBeUndefined();
    expect(toUsageFilter(filters).from).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
  });

  it("pick buckets for the period so far: hours today, days over a quarter", () => {
    expect(granularityFor({ ...filtersFromSearch("?range=TODAY") }, NOW)).toBe("HOUR");
    expect(granularityFor({ ...filtersFromSearch("?range=THIS_QUARTER") }, NOW)).toBe("DAY");
  });
});
