import { useState, type FormEvent } from "react";
import { errorsOf, type GraphQLErrorBody } from "../../api/client";
import { SET_MODEL_PRICE, type SetModelPriceResult } from "../../api/operations";
import type { ModelPriceRepricing } from "../../api/types";
import { ErrorList } from "../../components/States";
import { formatUsdExact } from "../../decimal";
import { useSession } from "../../state/session";

interface ModelPriceFormProps {
  /** Models already called, offered as suggestions. */
  models: string[];
  onRecorded: () => void;
}

function Repricing({ r }: { r: ModelPriceRepricing }) {
  return (
    <dl className="budget-facts" data-testid={r.dryRun ? "price-dry-run" : "price-recorded"}>
      <dt>{r.dryRun ? "Would record" : "Recorded"}</dt>
      <dd>{r.priceVersion}{r.catalogKey ? ` for ${r.catalogKey}` : ""}{!r.dryRun && !r.priceRecorded ? " (already in force)" : ""}</dd>
      <dt>Calls re-priced</dt>
      <dd data-testid="price-records-touched" data-value={r.recordsTouched}>{r.recordsTouched} ({r.previouslyUnpriced} had no price)</dd>
      <dt>Cost before → after</dt>
      <dd>
        <span data-testid="price-cost-before" data-value={r.costBeforeUsd}>{formatUsdExact(r.costBeforeUsd)}</span> →{" "}
        <span data-testid="price-cost-after" data-value={r.costAfterUsd}>{formatUsdExact(r.costAfterUsd)}</span>
      </dd>
      <dt>Difference</dt>
      <dd data-testid="price-difference" data-value={r.differenceUsd}>{formatUsdExact(r.differenceUsd)}</dd>
    </dl>
  );
}

/** A custom price: preview what it re-prices (dry run), then record it. Rates stay strings, sent as the API's Decimal. */
export function ModelPriceForm({ models, onRecorded }: ModelPriceFormProps) {
  const { client } = useSession();
  const [provider, setProvider] = useState("");
  const [model, setModel] = useState("");
  const [effectiveFrom, setEffectiveFrom] = useState(new Date().toISOString().slice(0, 10));
  const [input, setInput] = useState("");
  const [output, setOutput] = useState("");
  const [result, setResult] = useState<ModelPriceRepricing | null>(null);
  const [errors, setErrors] = useState<GraphQLErrorBody[]>([]);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const { setModelPrice } = await client.request<SetModelPriceResult>(SET_MODEL_PRICE, {
        price: {
          provider: provider.trim() || null,
          model: model.trim(),
          effectiveFrom: `${effectiveFrom}T00:00:00Z`,
          inputPerMillionTokens: input.trim(),
          outputPerMillionTokens: output.trim(),
          dryRun,
        },
      });
      setResult(setModelPrice);
      setErrors([]);
      if (!dryRun) onRecorded();
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };
  const preview = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  return (
    <form className="inline-form" onSubmit={preview} aria-label="Set a model price" data-testid="price-form">
      <div className="field">
        <label htmlFor="price-model">Model name</label>
        <input id="price-model" list="price-models" value={model} onChange={(e) => { setModel(e.target.value); setResult(null); }} required />
        <datalist id="price-models">{models.map((m) => <option key={m} value={m} />)}</datalist>
      </div>
      <div className="field">
        <label htmlFor="price-provider">Provider (optional)</label>
        <input id="price-provider" value={provider} onChange={(e) => { setProvider(e.target.value); setResult(null); }} />
      </div>
      <div className="field">
        <label htmlFor="price-from">Effective from (UTC)</label>
        <input id="price-from" type="date" value={effectiveFrom} onChange={(e) => { setEffectiveFrom(e.target.value); setResult(null); }} required />
      </div>
      <div className="field">
        <label htmlFor="price-input">Input USD / 1M tokens</label>
        <input id="price-input" inputMode="decimal" value={input} onChange={(e) => { setInput(e.target.value); setResult(null); }} required />
      </div>
      <div className="field">
        <label htmlFor="price-output">Output USD / 1M tokens</label>
        <input id="price-output" inputMode="decimal" value={output} onChange={(e) => { setOutput(e.target.value); setResult(null); }} required />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="price-preview">Preview re-pricing</button>
        {/* Recording only after a preview of the same values: the admin has seen what it changes. */}
        <button type="button" disabled={busy || !result?.dryRun} onClick={() => void send(false)} data-testid="price-record">Set price</button>
      </div>
      <ErrorList errors={errors} />
      {result ? <Repricing r={result} /> : null}
    </form>
  );
}
