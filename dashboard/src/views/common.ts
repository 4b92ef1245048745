import type { Filters } from "../state/filters";
import type { Role } from "../state/session";

export interface ViewProps {
  filters: Filters;
  role: Role;
  /** Opens a view (this one when omitted) with the filters narrowed by `changes`: a chart element's drill-down. */
  drill?: (changes: Partial<Filters>, view?: string) => void;
}

/** A bucket start as a short label for a chart axis. */
export function bucketLabel(iso: string): string {
  const d = new Date(iso);
  const date = `${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
  const time = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  return time === "00:00" ? date : `${date} ${time}`;
}

export function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]+/g, "-") || "none";
}

export function hasUsage(requests: string | number | undefined | null): boolean {
  return requests != null && String(requests) !== "0";
}
