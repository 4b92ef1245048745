import type { ProviderComparisonResult } from "../api/operations";
import { STATUS_COLOURS } from "../components/palette";
import { formatShare } from "../decimal";
import { slug } from "./common";
import { sloStatus } from "./providerFigures";

interface SloComplianceProps {
  providers: ProviderComparisonResult["providers"];
  targets: ProviderComparisonResult["sloTargets"];
}

/** Each provider's availability over 7 and 30 days against its availability target (its own, else the global one). */
export function SloCompliance({ providers, targets }: SloComplianceProps) {
  if (targets == null) return <p>SLO targets cover every team, so a team-scoped key cannot read them.</p>;
  if (providers.length === 0) return <p>No provider has been called yet.</p>;
  const targetOf = (provider: string) => targets.providers.find((p) => p.provider === provider)?.availability ?? targets.global.availability;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Availability over 7 and 30 days against the target, per provider</caption>
        <thead>
          <tr><th scope="col">Provider</th><th scope="col">Target</th><th scope="col">7 days</th><th scope="col">30 days</th></tr>
        </thead>
        <tbody>
          {providers.map((p) => {
            const target = targetOf(p.provider);
            const id = slug(p.provider);
            return (
              <tr key={p.provider}>
                <th scope="row">{p.provider}</th>
                <td>{target == null ? "not set" : formatShare(target, 2)}</td>
                {([["7d", p.uptime7d], ["30d", p.uptime30d]] as const).map(([window, value]) => {
                  const status = sloStatus(value, target);
                  return (
                    <td key={window} data-testid={`slo-${window}-${id}`} data-value={value} data-status={status ?? ""}>
                      {formatShare(value, 2)}{" "}
                      {status ? (
                        <span className="status" style={{ borderColor: STATUS_COLOURS[status] }}>
                          <span className="dot" style={{ background: STATUS_COLOURS[status] }} aria-hidden="true" />
                          {status}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
