import { FILTER_OPTIONS, type FilterOptionsResult } from "../api/operations";
import { RANGES, type Filters, type ListName } from "../state/filters";
import { PRESETS } from "../state/presets";
import { useApiQuery } from "../state/useApiQuery";

interface FilterBarProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
}

const LABELS: Record<ListName, string> = {
  providers: "Provider",
  models: "Model",
  features: "Feature",
  teams: "Team",
  environments: "Environment",
};

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ""))].sort();
}

/** Date range and one value per dimension; a URL may carry several values, kept until changed here. */
export function FilterBar({ filters, onChange }: FilterBarProps) {
  const { data } = useApiQuery<FilterOptionsResult>(FILTER_OPTIONS, {});
  const options: Record<ListName, string[]> = {
    providers: unique(data?.models.map((m) => m.provider) ?? []),
    models: unique(data?.models.map((m) => m.model) ?? []),
    features: unique(data?.features?.map((f) => f.key) ?? []),
    teams: unique(data?.teams?.map((f) => f.key) ?? []),
    environments: unique(data?.environments?.map((f) => f.key) ?? []),
  };
  const custom = Boolean(filters.from);

  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="filter-range">Date range</label>
        <select
          id="filter-range"
          data-testid="filter-range"
          value={custom ? "CUSTOM" : filters.range}
          onChange={(e) => {
            const value = e.target.value;
            if (value === "CUSTOM") {
              const today = new Date().toISOString().slice(0, 10);
              const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
              onChange({ ...filters, from: weekAgo, to: today });
            } else {
              onChange({ ...filters, range: value as Filters["range"], from: undefined, to: undefined });
            }
          }}
        >
          <optgroup label="Rolling">
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Calendar">
            {PRESETS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </optgroup>
          <option value="CUSTOM">Custom dates (UTC)</option>
        </select>
      </div>
      {custom ? (
        <>
          <div className="field">
            <label htmlFor="filter-from">From</label>
            <input id="filter-from" type="date" value={filters.from ?? ""} onChange={(e) => onChange({ ...filters, from: e.target.value || undefined })} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">To (exclusive)</label>
            <input id="filter-to" type="date" value={filters.to ?? ""} onChange={(e) => onChange({ ...filters, to: e.target.value || undefined })} />
          </div>
        </>
      ) : null}
      {(Object.keys(LABELS) as ListName[]).map((name) => {
        const selected = filters[name];
        const values = unique([...options[name], ...selected]);
        const value = selected.length === 0 ? "" : selected.length === 1 ? selected[0] : "__many";
        return (
          <div className="field" key={name}>
            <label htmlFor={`filter-${name}`}>{LABELS[name]}</label>
            <select
              id={`filter-${name}`}
              data-testid={`filter-${name}`}
              value={value}
              onChange={(e) => {
                if (e.target.value === "__many") return;
                onChange({ ...filters, [name]: e.target.value ? [e.target.value] : [] });
              }}
            >
              <option value="">All</option>
              {selected.length > 1 ? <option value="__many">{selected.join(", ")}</option> : null}
              {values.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </form>
  );
}
