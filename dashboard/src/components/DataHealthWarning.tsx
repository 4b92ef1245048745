import { DATA_HEALTH_QUERY, type DataHealthResult } from "../api/operations";
import { useApiQuery } from "../state/useApiQuery";

type DataHealth = DataHealthResult["dataHealth"];

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * The header's warning that the figures are short: events a read model could not apply (dead letters) and bus
 * messages parked in an error queue are missing from every total until an admin puts them back. Nothing when whole.
 */
export function DataHealthWarning({ health }: { health: DataHealth | null }) {
  if (!health) return null;
  const faulted = health.faultedMessages ?? 0;
  if (health.deadLetters === 0 && faulted === 0) return null;
  const where = health.projections.filter((p) => p.deadLetters > 0).map((p) => `${p.name} ${p.deadLetters}`).join(", ");
  return (
    <span className="data-health-warning" role="status" data-testid="data-health-warning" title="An admin can put them back: tokenopt dead-letters replay, tokenopt faulted redeliver">
      <span aria-hidden="true">⚠</span>{" "}
      {health.deadLetters > 0 && <span data-testid="dead-letters">Figures miss {plural(health.deadLetters, "event", "events")} set aside ({where}).</span>}
      {health.deadLetters > 0 && faulted > 0 && " "}
      {faulted > 0 && <span data-testid="faulted-messages">{plural(faulted, "bus message is", "bus messages are")} parked, not stored.</span>}
    </span>
  );
}

/** The warning, fed by `dataHealth` and refreshed with every live update; silent when it cannot be asked. */
export function DataHealthHeader() {
  const { data } = useApiQuery<DataHealthResult>(DATA_HEALTH_QUERY, undefined);
  return <DataHealthWarning health={data?.dataHealth ?? null} />;
}
