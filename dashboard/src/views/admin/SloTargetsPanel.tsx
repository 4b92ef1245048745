import { useState, type FormEvent } from "react";
import { errorsOf, type GraphQLErrorBody } from "../../api/client";
import { SET_SLO_TARGETS } from "../../api/operations";
import type { SloTargetSettings } from "../../api/types";
import { ErrorList, Panel } from "../../components/States";
import { formatMs, formatShare } from "../../decimal";
import { useSession } from "../../state/session";

interface SloTargetsPanelProps {
  targets: SloTargetSettings;
  onSaved: () => void;
}

const asNumber = (text: string) => (text.trim() === "" ? null : Number(text));

/** The global SLO targets; providers without their own targets follow them. */
export function SloTargetsPanel({ targets, onSaved }: SloTargetsPanelProps) {
  const { client } = useSession();
  const [availability, setAvailability] = useState(String(targets.global.availability ?? ""));
  const [latency, setLatency] = useState(String(targets.global.latencyP95Ms ?? ""));
  const [errorRate, setErrorRate] = useState(String(targets.global.errorRate ?? ""));
  const [errors, setErrors] = useState<GraphQLErrorBody[]>([]);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await client.request(SET_SLO_TARGETS, {
        global: { availability: asNumber(availability), latencyP95Ms: asNumber(latency), errorRate: asNumber(errorRate) },
      });
      setErrors([]);
      onSaved();
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title="SLO targets">
      <p className="muted small" data-testid="slo-source">
        Over {targets.periodDays} days; from {targets.source}{targets.setAt ? `, set ${targets.setAt.slice(0, 16).replace("T", " ")} UTC` : ""}.
      </p>
      <form className="inline-form" onSubmit={save} aria-label="Set the SLO targets" data-testid="slo-form">
        <div className="field">
          <label htmlFor="slo-availability">Availability (share, e.g. 0.995)</label>
          <input id="slo-availability" inputMode="decimal" value={availability} onChange={(e) => setAvailability(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="slo-latency">p95 latency (ms)</label>
          <input id="slo-latency" inputMode="decimal" value={latency} onChange={(e) => setLatency(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="slo-error-rate">Error rate (share, e.g. 0.02)</label>
          <input id="slo-error-rate" inputMode="decimal" value={errorRate} onChange={(e) => setErrorRate(e.target.value)} />
        </div>
        <button type="submit" disabled={busy} data-testid="slo-save">Save targets</button>
      </form>
      <ErrorList errors={errors} />
      {targets.providers.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="slo-provider-targets">
            <caption>Providers' own targets</caption>
            <thead><tr><th scope="col">Provider</th><th scope="col">Availability</th><th scope="col">p95</th><th scope="col">Error rate</th></tr></thead>
            <tbody>
              {targets.providers.map((p) => (
                <tr key={p.provider}>
                  <td>{p.provider}</td>
                  <td>{p.availability != null ? formatShare(p.availability, 2) : "global"}</td>
                  <td>{p.latencyP95Ms != null ? formatMs(p.latencyP95Ms) : "global"}</td>
                  <td>{p.errorRate != null ? formatShare(p.errorRate, 2) : "global"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}
