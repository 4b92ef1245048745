// The inline forms behind a recommendation's Dismiss, Snooze and Test buttons: labelled, keyboard-first
// (the first field takes focus, Escape cancels), and shown in the table under the row they act on.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import type { Recommendation } from "../api/types";

export type RecommendationAction = "dismiss" | "snooze" | "test";

interface InlineFormProps {
  label: string;
  testId: string;
  submitLabel: string;
  busy: boolean;
  error?: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}

function InlineForm({ label, testId, submitLabel, busy, error, onSubmit, onCancel, children }: InlineFormProps) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>("input, textarea")?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key === "Escape") onCancel();
  };
  return (
    <form ref={form} noValidate className="inline-form" aria-label={label} data-testid={testId} onSubmit={submit} onKeyDown={escape}>
      {children}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <div className="actions">
        <button type="submit" disabled={busy}>{submitLabel}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

interface FormProps<T> {
  recommendation: Recommendation;
  busy: boolean;
  onSubmit: (variables: T) => void;
  onCancel: () => void;
}

export function DismissForm({ recommendation: r, busy, onSubmit, onCancel }: FormProps<{ reason: string | null }>) {
  const [reason, setReason] = useState("");
  const id = `dismiss-reason-${r.id}`;
  return (
    <InlineForm label={`Dismiss: ${r.change}`} testId={`dismiss-form-${r.id}`} submitLabel="Dismiss" busy={busy}
      onSubmit={() => onSubmit({ reason: reason.trim() || null })} onCancel={onCancel}>
      <div className="field">
        <label htmlFor={id}>Why dismiss it? (optional)</label>
        <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </div>
    </InlineForm>
  );
}

/** YYYY-MM-DD of the UTC day `days` after `now`. */
export function dayAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export function SnoozeForm({ recommendation: r, busy, onSubmit, onCancel, now = new Date() }: FormProps<{ until: string }> & { now?: Date }) {
  const earliest = dayAfter(now, 1);
  const [day, setDay] = useState(dayAfter(now, 7));
  const [error, setError] = useState<string | null>(null);
  const id = `snooze-until-${r.id}`;
  const submit = () => {
    // Our own message rather than the browser's bubble (the form is noValidate): it is announced and testable.
    // An ISO date compares correctly as text.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day < earliest) {
      setError(`Choose a day from ${earliest} on.`);
      return;
    }
    onSubmit({ until: `${day}T00:00:00Z` });
  };
  return (
    <InlineForm label={`Snooze: ${r.change}`} testId={`snooze-form-${r.id}`} submitLabel="Snooze" busy={busy} error={error} onSubmit={submit} onCancel={onCancel}>
      <div className="field">
        <label htmlFor={id}>Hide it until (UTC day)</label>
        <input id={id} type="date" min={earliest} value={day} onChange={(e) => setDay(e.target.value)} required />
      </div>
    </InlineForm>
  );
}

export function TestPromptsForm({ recommendation: r, busy, onSubmit, onCancel }: FormProps<{ prompts: string[] }>) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = `test-prompts-${r.id}`;
  const submit = () => {
    const prompts = text.split("\n").map((p) => p.trim()).filter(Boolean);
    if (prompts.length === 0) {
      setError("Write at least one prompt.");
      return;
    }
    onSubmit({ prompts });
  };
  return (
    <InlineForm label={`Test ${r.model} against ${r.candidateModel}`} testId={`test-form-${r.id}`} submitLabel="Run test" busy={busy} error={error} onSubmit={submit} onCancel={onCancel}>
      <div className="field wide">
        <label htmlFor={id}>Prompts to send to both models, one per line (they are not stored)</label>
        <textarea id={id} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
    </InlineForm>
  );
}
