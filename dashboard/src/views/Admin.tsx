import { ADMIN_SETTINGS_QUERY, type AdminSettingsResult } from "../api/operations";
import { Empty, ErrorList, Loading } from "../components/States";
import { useApiQuery } from "../state/useApiQuery";
import { ApiKeysPanel } from "./admin/ApiKeysPanel";
import { ModelsPanel } from "./admin/ModelsPanel";
import { SloTargetsPanel } from "./admin/SloTargetsPanel";
import type { ViewProps } from "./common";

/** What once needed curl or the CLI: keys, prices with their re-pricing, SLO targets, the allow-list. Admin keys only. */
export function Admin({ role }: ViewProps) {
  const isAdmin = role === "admin";
  const { data, errors, loading, refetch } = useApiQuery<AdminSettingsResult>(ADMIN_SETTINGS_QUERY, {}, { skip: !isAdmin });
  const forbidden = errors.some((e) => e.extensions?.code === "FORBIDDEN") || errors.some((e) => /\b403\b/.test(e.message));

  if (!isAdmin || forbidden) {
    return (
      <Empty testId="admin-forbidden">
        <p>Administration needs an admin key (the API answers 403 to this one). Sign out and sign in with an admin key.</p>
      </Empty>
    );
  }
  if (!data) return loading ? <Loading what="settings" /> : <ErrorList errors={errors} />;
  return (
    <div className="view">
      <ErrorList errors={errors} />
      <ApiKeysPanel />
      <SloTargetsPanel targets={data.sloTargets} onSaved={refetch} />
      <ModelsPanel models={data.models} onChanged={refetch} />
    </div>
  );
}
