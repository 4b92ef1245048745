// Calendar periods a user picks by name: each starts at a UTC calendar boundary and runs to now. No imports, so
// the browser tests load this file to ask the API for the same period.

export type Preset = "TODAY" | "THIS_WEEK" | "THIS_MONTH" | "THIS_QUARTER" | "ALL_TIME";

export const PRESETS: { value: Preset; label: string }[] = [
  { value: "TODAY", label: "Today" },
  { value: "THIS_WEEK", label: "This week" },
  { value: "THIS_MONTH", label: "This month" },
  { value: "THIS_QUARTER", label: "This quarter" },
  { value: "ALL_TIME", label: "All time (800 days)" },
];

/** The API answers at most 800 days from one filter: "all time" starts 799 days before today, so today fits too. */
const ALL_TIME_DAYS = 799;

export function isPreset(value: string | null | undefined): value is Preset {
  return PRESETS.some((p) => p.value === value);
}

/** The instant the preset's period starts, as the ISO-8601 DateTime the API takes. */
export function presetStart(preset: Preset, now: number = Date.now()): string {
  const today = new Date(now);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const d = today.getUTCDate();
  const start = {
    TODAY: Date.UTC(y, m, d),
    // getUTCDay: Sunday 0 … Saturday 6; the week starts on Monday.
    THIS_WEEK: Date.UTC(y, m, d - ((today.getUTCDay() + 6) % 7)),
    THIS_MONTH: Date.UTC(y, m, 1),
    THIS_QUARTER: Date.UTC(y, m - (m % 3), 1),
    ALL_TIME: Date.UTC(y, m, d - ALL_TIME_DAYS),
  }[preset];
  return new Date(start).toISOString().replace(".000Z", "Z");
}
