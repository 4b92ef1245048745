import { useCallback, useEffect, useState, type FormEvent } from "react";
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyListing, type IssuedApiKey, type KeyRole } from "../../api/apiKeys";
import { errorsOf, type GraphQLErrorBody } from "../../api/client";
import { ErrorList, Loading, Panel } from "../../components/States";
import { useSession } from "../../state/session";

const ROLES: KeyRole[] = ["read", "ingest", "admin"];

/** Create, list and revoke API keys. A new key's secret is shown here once and kept nowhere. */
export function ApiKeysPanel() {
  const { client } = useSession();
  const [keys, setKeys] = useState<ApiKeyListing[] | null>(null);
  const [errors, setErrors] = useState<GraphQLErrorBody[]>([]);
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const [name, setName] = useState("");
  const [role, setRole] = useState<KeyRole>("read");
  const [team, setTeam] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    listApiKeys(client).then(setKeys, (error: unknown) => setErrors(errorsOf(error)));
  }, [client]);
  useEffect(load, [load]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      setErrors([]);
      load();
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setIssued(await createApiKey(client, { name: name.trim(), role, team: team.trim() || null }));
      setName("");
      setTeam("");
    });
  };

  return (
    <Panel title="API keys" wide>
      <ErrorList errors={errors} />
      {issued ? (
        <div className="state" role="status" data-testid="issued-key">
          <p>
            New {issued.role} key <strong>{issued.name}</strong> ({issued.keyId}). Copy it now: it is shown this once and never again.
          </p>
          <code className="secret" data-testid="issued-key-secret">{issued.key}</code>
          <div className="actions">
            <button onClick={() => setIssued(null)}>Done, I have copied it</button>
          </div>
        </div>
      ) : null}
      <form className="inline-form" onSubmit={create} aria-label="Create an API key" data-testid="key-create-form">
        <div className="field">
          <label htmlFor="key-name">Name</label>
          <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="key-role">Role</label>
          <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as KeyRole)}>
            {ROLES.map((r) => <option key={r}>{r}</option>)}
          </select>
        </div>
        {role !== "admin" ? (
          <div className="field">
            <label htmlFor="key-team">Team (optional)</label>
            <input id="key-team" value={team} onChange={(e) => setTeam(e.target.value)} />
          </div>
        ) : null}
        <button type="submit" disabled={busy}>Create key</button>
      </form>
      {keys == null ? (
        errors.length === 0 ? <Loading what="API keys" /> : null
      ) : (
        <div className="table-wrap">
          <table data-testid="api-keys-table">
            <caption className="visually-hidden">API keys by public id</caption>
            <thead>
              <tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Team</th><th scope="col">Created</th><th scope="col">State</th></tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.keyId} data-testid={`api-key-${k.keyId}`}>
                  <td><code>{k.keyId}</code></td>
                  <td>{k.name}</td>
                  <td>{k.role}</td>
                  <td>{k.team ?? "every team"}</td>
                  <td>{k.createdAt.slice(0, 16).replace("T", " ")}</td>
                  <td>
                    {k.revokedAt ? (
                      <span className="muted">revoked {k.revokedAt.slice(0, 10)}</span>
                    ) : (
                      <button
                        disabled={busy}
                        data-testid={`revoke-${k.keyId}`}
                        onClick={() => window.confirm(`Revoke the key “${k.name}” (${k.keyId})? Calls with it are refused at once.`) && run(() => revokeApiKey(client, k.keyId))}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
