import { useState } from "react";
import { errorsOf, type GraphQLErrorBody } from "../../api/client";
import { SET_MODEL_ALLOWED, type SetModelAllowedResult } from "../../api/operations";
import type { AdminModel } from "../../api/types";
import { ErrorList, Panel } from "../../components/States";
import { formatUsdExact } from "../../decimal";
import { useSession } from "../../state/session";
import { slug } from "../common";
import { ModelPriceForm } from "./ModelPriceForm";

interface ModelsPanelProps {
  models: AdminModel[];
  onChanged: () => void;
}

/** Prices and the allow-list. A model without a catalog entry is unpriced: give it a price here. */
export function ModelsPanel({ models, onChanged }: ModelsPanelProps) {
  const { client } = useSession();
  // The API answers each change with the model's allowance; nothing lists them, so this session shows what it set.
  const [allowance, setAllowance] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<GraphQLErrorBody[]>([]);
  const [busy, setBusy] = useState<string | null>(null);

  const setAllowed = async (model: string, allowed: boolean) => {
    setBusy(model);
    try {
      const { setModelAllowed } = await client.request<SetModelAllowedResult>(SET_MODEL_ALLOWED, { model, allowed });
      setAllowance((a) => ({ ...a, [setModelAllowed.model]: setModelAllowed.allowed }));
      setErrors([]);
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(null);
    }
  };

  const unpriced = models.filter((m) => !m.catalog);
  return (
    <Panel title="Models: prices and allow-list" wide>
      <ModelPriceForm models={[...new Set(models.map((m) => m.model))]} onRecorded={onChanged} />
      {unpriced.length > 0 ? (
        <p className="state error" data-testid="unpriced-models">
          Unpriced (their calls have no cost until priced): {unpriced.map((m) => `${m.provider}/${m.model}`).join(", ")}
        </p>
      ) : null}
      <ErrorList errors={errors} />
      <div className="table-wrap">
        <table data-testid="models-table">
          <caption className="visually-hidden">Called models with their price in force</caption>
          <thead>
            <tr><th scope="col">Model</th><th scope="col">Catalog entry</th><th scope="col">Input / output per 1M</th><th scope="col">Price</th><th scope="col">Recommendations</th></tr>
          </thead>
          <tbody>
            {models.map((m) => {
              const key = m.catalog?.catalogKey;
              return (
                <tr key={`${m.provider}/${m.model}`} data-testid={`model-${slug(m.provider)}-${slug(m.model)}`}>
                  <td>{m.provider}/{m.model}</td>
                  <td>{key ?? <span className="muted">unknown: unpriced</span>}</td>
                  <td>
                    {m.catalog?.inputPerMillionTokensUsd != null ? (
                      <>{formatUsdExact(m.catalog.inputPerMillionTokensUsd, 4)} / {formatUsdExact(m.catalog.outputPerMillionTokensUsd, 4)}</>
                    ) : "—"}
                  </td>
                  <td className="small">{m.catalog?.priceVersion ?? "—"}</td>
                  <td>
                    {key ? (
                      <>
                        {allowance[key] != null ? (
                          <span data-testid={`allowance-${slug(key)}`}>{allowance[key] ? "allowed " : "disallowed "}</span>
                        ) : null}
                        <button disabled={busy === key} onClick={() => setAllowed(key, false)} data-testid={`disallow-${slug(key)}`}>Disallow</button>
                        <button disabled={busy === key} onClick={() => setAllowed(key, true)} data-testid={`allow-${slug(key)}`}>Allow</button>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
