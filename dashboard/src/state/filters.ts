// The shared filters live in the URL query string (?view=costs&range=LAST_7_DAYS&models=gpt-4o), so any view
// can be bookmarked or shared. The same names are the CSV export's parameters.
import type { Granularity, TimeRange, UsageFilter } from "../api/types";
import { isPreset, presetStart, type Preset } from "./presets";

export const RANGES: { value: TimeRange; label: string }[] = [
  { value: "LAST_HOUR", label: "Last hour" },
  { value: "LAST_24_HOURS", label: "Last 24 hours" },
  { value: "LAST_7_DAYS", label: "Last 7 days" },
  { value: "LAST_30_DAYS", label: "Last 30 days" },
  { value: "LAST_90_DAYS", label: "Last 90 days" },
];

export const LIST_NAMES = ["providers", "models", "features", "teams", "environments"] as const;
export type ListName = (typeof LIST_NAMES)[number];

export interface Filters {
  /** A rolling window, or a calendar period that the API is asked for as its start (see presets.ts). */
  range: TimeRange | Preset;
  /** yyyy-mm-dd (UTC) when a custom period is chosen; then range is ignored. */
  from?: string;
  to?: string;
  providers: string[];
  models: string[];
  features: string[];
  teams: string[];
  environments: string[];
}

export const DEFAULT_RANGE: TimeRange = "LAST_24_HOURS";

function list(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function filtersFromSearch(search: string): Filters {
  const params = new URLSearchParams(search);
  const range = params.get("range");
  const from = params.get("from") ?? undefined;
  const to = params.get("to") ?? undefined;
  return {
    range: RANGES.some((r) => r.value === range) || isPreset(range) ? (range as TimeRange | Preset) : DEFAULT_RANGE,
    from: from || undefined,
    to: to || undefined,
    providers: list(params, "providers"),
    models: list(params, "models"),
    features: list(params, "features"),
    teams: list(params, "teams"),
    environments: list(params, "environments"),
  };
}

/** The filter's query parameters (no view): also the CSV export's. */
export function filterParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) {
    params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
  } else if (filters.range !== DEFAULT_RANGE) {
    params.set("range", filters.range);
  }
  for (const name of LIST_NAMES) if (filters[name].length > 0) params.set(name, filters[name].join(","));
  return params;
}

export function searchFor(view: string, filters: Filters): string {
  const params = new URLSearchParams({ view });
  filterParams(filters).forEach((value, key) => params.set(key, value));
  return "?" + params.toString();
}

/** A date (yyyy-mm-dd) or instant as the ISO-8601 DateTime the API takes; bare dates are UTC midnight. */
function instant(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

export function toUsageFilter(filters: Filters): UsageFilter {
  const filter: UsageFilter = {};
  if (filters.from) {
    filter.from = instant(filters.from);
    if (filters.to) filter.to = instant(filters.to);
  } else if (isPreset(filters.range)) {
    filter.from = presetStart(filters.range);
  } else {
    filter.range = filters.range;
  }
  for (const name of LIST_NAMES) if (filters[name].length > 0) filter[name] = filters[name];
  return filter;
}

/** Buckets for a time series over the filter's period: about 24–200 of them. */
export function granularityFor(filters: Filters, now = Date.now()): Granularity {
  let hours: number;
  if (filters.from) {
    const start = Date.parse(instant(filters.from));
    const end = filters.to ? Date.parse(instant(filters.to)) : now;
    hours = Math.max(1, (end - start) / 3_600_000);
  } else if (isPreset(filters.range)) {
    hours = Math.max(1, (now - Date.parse(presetStart(filters.range, now))) / 3_600_000);
  } else {
    hours = { LAST_HOUR: 1, LAST_24_HOURS: 24, LAST_7_DAYS: 168, LAST_30_DAYS: 720, LAST_90_DAYS: 2160 }[filters.range];
  }
  if (hours <= 3) return "MINUTE";
  if (hours <= 24 * 8) return "HOUR";
  return "DAY";
}
