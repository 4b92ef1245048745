import type { ReactNode } from "react";

interface FigureProps {
  label: string;
  /** The formatted number. */
  value: string;
  /** The raw API value (Decimal / Long string, number), for tests that compare with the API. */
  raw?: string | number | null;
  testId: string;
  hint?: ReactNode;
}

/** A headline number: every rendered figure carries a stable data-testid and its raw value. */
export function Figure({ label, value, raw, testId, hint }: FigureProps) {
  return (
    <div className="card figure">
      <div className="figure-label">{label}</div>
      <div className="figure-value" data-testid={testId} data-value={raw == null ? "" : String(raw)}>
        {value}
      </div>
      {hint ? <div className="figure-hint">{hint}</div> : null}
    </div>
  );
}

/** A number inside a table or list, with the same test hooks. */
export function Num({ value, raw, testId }: { value: string; raw?: string | number | null; testId?: string }) {
  return (
    <span className="num" data-testid={testId} data-value={raw == null ? "" : String(raw)}>
      {value}
    </span>
  );
}
