import { useState, type FormEvent } from "react";

interface SignInProps {
  message?: string | null;
  busy?: boolean;
  onSubmit: (key: string) => void;
}

export function SignIn({ message, busy, onSubmit }: SignInProps) {
  const [key, setKey] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim()) onSubmit(key.trim());
  };
  return (
    <main className="signin">
      <form className="card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">TokenOptimizer</h1>
        <p>Sign in with a <strong>read</strong> or <strong>admin</strong> API key. It is kept in this tab only (session storage).</p>
        {message ? (
          <p className="state error" role="alert" data-testid="signin-message">
            {message}
          </p>
        ) : null}
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="tok_…"
          required
        />
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? "Checking…" : "Sign in"}
        </button>
        <p className="hint">
          No key yet? An admin creates one with <code>POST /v1/admin/api-keys</code> and <code>{`{"role": "read"}`}</code> (see the README).
        </p>
      </form>
    </main>
  );
}
