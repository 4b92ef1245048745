import { useEffect, useState } from "react";
import { downloadUsageCsv } from "../api/exportCsv";
import { USAGE_LOG_QUERY, type UsageLogResult } from "../api/operations";
import { EmptyUsage, ErrorList, Loading } from "../components/States";
import { filterParams, toUsageFilter } from "../state/filters";
import { useSession } from "../state/session";
import { useApiQuery } from "../state/useApiQuery";
import type { ViewProps } from "./common";
import { LogTable } from "./LogTable";

const PAGE = 50;

/** Newest first; "Older" follows endCursor, "Newest" goes back to the first page (cursors only run forward). */
export function Logs({ filters }: ViewProps) {
  const { client } = useSession();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const filterKey = JSON.stringify(filters);
  useEffect(() => setCursors([null]), [filterKey]);
  const after = cursors[cursors.length - 1];
  const { data, errors, loading } = useApiQuery<UsageLogResult>(USAGE_LOG_QUERY, { filter: toUsageFilter(filters), first: PAGE, after });
  const page = cursors.length;

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadUsageCsv(client, filterParams(filters));
    } catch (error) {
      setExportError((error as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const exportHref = `/export/usage.csv${filterParams(filters).toString() ? `?${filterParams(filters)}` : ""}`;
  return (
    <div className="view">
      <div className="toolbar">
        <a
          href={exportHref}
          data-testid="logs-export"
          onClick={(e) => {
            e.preventDefault();
            void exportCsv();
          }}
          className="button"
          aria-busy={exporting}
        >
          {exporting ? "Exporting…" : "Export CSV (every matching request)"}
        </a>
        <nav aria-label="Log pages" className="pager">
          <button disabled={page === 1} onClick={() => setCursors([null])}>Newest</button>
          <button disabled={page === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>Newer</button>
          <span data-testid="logs-page">Page {page}</span>
          <button
            disabled={!data?.usageLog.pageInfo.hasNextPage}
            onClick={() => data?.usageLog.pageInfo.endCursor && setCursors((c) => [...c, data.usageLog.pageInfo.endCursor])}
            data-testid="logs-older"
          >
            Older
          </button>
        </nav>
      </div>
      {exportError ? <p className="state error" role="alert">{exportError}</p> : null}
      <ErrorList errors={errors} />
      {!data ? (
        loading ? <Loading what="the request log" /> : null
      ) : data.usageLog.edges.length === 0 ? (
        <EmptyUsage />
      ) : (
        <LogTable rows={data.usageLog.edges.map((e) => e.node)} caption="Requests, newest first" />
      )}
    </div>
  );
}
