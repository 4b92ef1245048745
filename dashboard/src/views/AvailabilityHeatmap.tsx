import type { ProviderComparisonResult } from "../api/operations";
import { STATUS_COLOURS } from "../components/palette";
import { divideDecimal, formatLong, formatShare } from "../decimal";
import type { Filters } from "../state/filters";
import { slug } from "./common";

type Point = ProviderComparisonResult["availability"][number];

/** A share at or above this is shown healthy, below the lower bound critical, between them a warning. */
const HEALTHY_FROM = 0.99;
const CRITICAL_BELOW = 0.95;

function colourFor(share: string | null): string {
  if (share == null) return "transparent";
  const value = Number(share);
  return value >= HEALTHY_FROM ? STATUS_COLOURS.healthy : value >= CRITICAL_BELOW ? STATUS_COLOURS.warning : STATUS_COLOURS.critical;
}

/**
 * The last 24 hours × providers: each cell the share of the provider's calls in that UTC hour that did not fail.
 * An hour without calls stays blank (nothing measured). A cell opens the logs of that provider and hour.
 */
export function AvailabilityHeatmap({ points, drill }: { points: Point[]; drill?: (changes: Partial<Filters>, view?: string) => void }) {
  const hours = [...new Set(points.map((p) => p.bucketStart))].sort();
  const providers = [...new Set(points.map((p) => p.key ?? ""))].sort();
  if (providers.length === 0) return <p>No calls in the last 24 hours.</p>;
  const at = new Map(points.map((p) => [`${p.key ?? ""}|${p.bucketStart}`, p]));
  return (
    <div className="table-wrap">
      <table className="heatmap" data-testid="availability-heatmap">
        <caption className="visually-hidden">Share of successful calls per provider and UTC hour, last 24 hours</caption>
        <thead>
          <tr>
            <th scope="col">UTC</th>
            {hours.map((h) => (
              <th scope="col" key={h}>{new Date(h).getUTCHours()}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {providers.map((provider) => (
            <tr key={provider}>
              <th scope="row">{provider || "(none)"}</th>
              {hours.map((h) => {
                const point = at.get(`${provider}|${h}`);
                const share = point ? divideDecimal((BigInt(point.requests) - BigInt(point.failures)).toString(), point.requests, 1n, 6) : null;
                const label = `${provider} ${h.slice(0, 13).replace("T", " ")}:00 UTC: ${share == null ? "no calls" : `${formatShare(share, 2)} of ${formatLong(point!.requests)} calls`}`;
                return (
                  <td key={h} data-testid={`availability-${slug(provider)}-${h}`} data-value={share ?? ""} title={label} style={{ background: colourFor(share) }}>
                    {share == null || !drill ? (
                      <span className="visually-hidden">{formatShare(share, 2)}</span>
                    ) : (
                      <button
                        className="cell-link"
                        aria-label={`Open the logs: ${label}`}
                        onClick={() => {
                          const end = new Date(Date.parse(h) + 3_600_000).toISOString();
                          drill({ providers: [provider], from: h, to: end }, "logs");
                        }}
                      >
                        <span className="visually-hidden">{formatShare(share, 2)}</span>
                      </button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
