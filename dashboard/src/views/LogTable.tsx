import type { LoggedRequest } from "../api/types";
import { formatLong, formatMs, formatUsd } from "../decimal";

export function LogTable({ rows, caption, testPrefix = "log" }: { rows: LoggedRequest[]; caption: string; testPrefix?: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={`${testPrefix}-table`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th><th scope="col">Provider / model</th><th scope="col">Feature</th><th scope="col">Team</th>
            <th scope="col">Env</th><th scope="col">Outcome</th><th scope="col">In</th><th scope="col">Out</th><th scope="col">Latency</th><th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.requestId} data-testid={`${testPrefix}-row-${r.requestId}`}>
              <td className="nowrap">{r.occurredAt.replace("T", " ").replace(/\.\d+/, "").replace("Z", "")}</td>
              <td>{r.provider}/{r.model}</td>
              <td>{r.feature}</td>
              <td>{r.team}</td>
              <td>{r.environment}</td>
              <td title={r.errorMessage ?? undefined}>{r.outcome}{r.errorType ? ` (${r.errorType})` : ""}</td>
              <td data-value={r.inputTokens}>{formatLong(r.inputTokens)}</td>
              <td data-value={r.outputTokens}>{formatLong(r.outputTokens)}</td>
              <td data-value={r.latencyMs}>{formatMs(r.latencyMs)}</td>
              <td data-testid={`${testPrefix}-cost-${r.requestId}`} data-value={r.costUsd ?? ""}>{r.costUsd == null ? "unpriced" : formatUsd(r.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
