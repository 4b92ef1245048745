import { useCallback, useEffect, useMemo, useState, type ComponentType } from "react";
import { createClient, type GraphQLClient } from "./api/client";
import { subscribeDashboardUpdated } from "./api/subscribe";
import { DataHealthHeader } from "./components/DataHealthWarning";
import { FilterBar } from "./components/FilterBar";
import { SignIn } from "./SignIn";
import { filtersFromSearch, searchFor, type Filters } from "./state/filters";
import { useSearch } from "./state/location";
import { fetchRole, SessionContext, signInMessage, storedKey, storeKey, type Role, type Session } from "./state/session";
import { useTheme } from "./state/theme";
import type { ViewProps } from "./views/common";
import { Overview } from "./views/Overview";
import { CostAnalysis } from "./views/CostAnalysis";
import { Business } from "./views/Business";
import { ModelOptimisation } from "./views/ModelOptimisation";
import { Performance } from "./views/Performance";
import { UsagePatternsView } from "./views/UsagePatterns";
import { Providers } from "./views/Providers";
import { Budgets } from "./views/Budgets";
import { Logs } from "./views/Logs";
import { ProviderComparison } from "./views/ProviderComparison";
import { Admin } from "./views/Admin";

export const VIEWS: { id: string; title: string; component: ComponentType<ViewProps>; adminOnly?: boolean }[] = [
  { id: "overview", title: "Overview", component: Overview },
  { id: "costs", title: "Cost analysis", component: CostAnalysis },
  { id: "business", title: "Business & margin", component: Business },
  { id: "optimisation", title: "Model optimisation", component: ModelOptimisation },
  { id: "performance", title: "Performance", component: Performance },
  { id: "patterns", title: "Usage patterns", component: UsagePatternsView },
  { id: "providers", title: "Providers & incidents", component: Providers },
  { id: "compare", title: "Provider comparison", component: ProviderComparison },
  { id: "budgets", title: "Budgets", component: Budgets },
  { id: "logs", title: "Logs", component: Logs },
  { id: "admin", title: "Administration", component: Admin, adminOnly: true },
];

interface AppProps {
  /** Tests pass a fake fetch; the browser uses its own. */
  fetchImpl?: typeof fetch;
  /** Off in tests that do not exercise the live stream. */
  live?: boolean;
}

export function App({ fetchImpl, live = true }: AppProps) {
  const [theme, toggleTheme] = useTheme();
  const [key, setKey] = useState<string | null>(storedKey);
  const [role, setRole] = useState<Role | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signOut = useCallback((why?: string) => {
    storeKey(null);
    setKey(null);
    setRole(null);
    setMessage(why ?? null);
  }, []);

  const client = useMemo<GraphQLClient | null>(
    () =>
      key
        ? createClient({
            apiKey: key,
            fetch: fetchImpl,
            onUnauthorized: () => signOut("Your API key was refused (401): it may have been revoked. Sign in again."),
          })
        : null,
    [key, fetchImpl, signOut],
  );

  useEffect(() => {
    if (!client || role) return;
    let cancelled = false;
    setBusy(true);
    fetchRole(client)
      .then((r) => {
        if (cancelled) return;
        storeKey(client.apiKey);
        setRole(r);
        setMessage(null);
      })
      .catch((error: unknown) => !cancelled && signOut(signInMessage(error)))
      .finally(() => !cancelled && setBusy(false));
    return () => {
      cancelled = true;
    };
  }, [client, role, signOut]);

  if (!client || !role) {
    return <SignIn message={message} busy={busy} onSubmit={(k) => { setMessage(null); setKey(k); }} />;
  }
  return <Shell client={client} role={role} signOut={signOut} theme={theme} toggleTheme={toggleTheme} live={live} />;
}

interface ShellProps {
  client: GraphQLClient;
  role: Role;
  signOut: (message?: string) => void;
  theme: string;
  toggleTheme: () => void;
  live: boolean;
}

function Shell({ client, role, signOut, theme, toggleTheme, live }: ShellProps) {
  const [search, navigate] = useSearch();
  const [liveVersion, setLiveVersion] = useState(0);
  const [connected, setConnected] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const params = new URLSearchParams(search);
  const view = VIEWS.find((v) => v.id === params.get("view")) ?? VIEWS[0];
  const filters = useMemo(() => filtersFromSearch(search), [search]);

  useEffect(() => {
    if (!live) return;
    return subscribeDashboardUpdated(client, () => setLiveVersion((n) => n + 1), setConnected);
  }, [client, live]);

  useEffect(() => {
    document.title = `${view.title} · TokenOptimizer`;
  }, [view]);

  const session: Session = useMemo(() => ({ client, role, liveVersion, signOut }), [client, role, liveVersion, signOut]);
  const setFilters = (next: Filters) => navigate(searchFor(view.id, next));
  const View = view.component;

  return (
    <SessionContext.Provider value={session}>
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <button className="menu-button" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen((o) => !o)}>
          Menu
        </button>
        <span className="brand">TokenOptimizer</span>
        <span className={connected ? "live on" : "live"} data-testid="live-status" data-updates={liveVersion} title={connected ? "Live: updates as usage arrives" : "Not live: reconnecting"}>
          <span aria-hidden="true">●</span> {connected ? "Live" : "Offline"}
        </span>
        <DataHealthHeader />
        <span className="role" data-testid="role">{role === "admin" ? "Admin" : "Read-only"}</span>
        <button onClick={toggleTheme} aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`} data-testid="theme-toggle">
          {theme === "dark" ? "Light" : "Dark"} theme
        </button>
        <button onClick={() => signOut()} data-testid="sign-out">
          Sign out
        </button>
      </header>
      <div className="layout">
        <nav id="nav" aria-label="Views" className={menuOpen ? "nav open" : "nav"}>
          <ul>
            {VIEWS.filter((v) => !v.adminOnly || role === "admin").map((v) => (
              <li key={v.id}>
                <a
                  href={searchFor(v.id, filters)}
                  aria-current={v.id === view.id ? "page" : undefined}
                  data-testid={`nav-${v.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    setMenuOpen(false);
                    navigate(searchFor(v.id, filters));
                  }}
                >
                  {v.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <h1>{view.title}</h1>
          <FilterBar filters={filters} onChange={setFilters} />
          <View filters={filters} role={role} drill={(changes, to) => navigate(searchFor(to ?? view.id, { ...filters, ...changes }))} />
        </main>
      </div>
    </SessionContext.Provider>
  );
}
