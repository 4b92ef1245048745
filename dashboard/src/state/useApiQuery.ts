import { useCallback, useEffect, useRef, useState } from "react";
import type { GraphQLErrorBody, Variables } from "../api/client";
import { ApiError } from "../api/client";
import { useSession } from "./session";

export interface QueryState<T> {
  data: T | null;
  /** Field errors next to partial data (e.g. FORBIDDEN on one field) or the whole failure. */
  errors: GraphQLErrorBody[];
  loading: boolean;
  refetch: () => void;
}

/**
 * Runs an operation when its variables change and again at every live update. Earlier data stays on screen
 * while a refetch runs, so a live update never flashes a spinner.
 */
export function useApiQuery<T>(query: string, variables: Variables | undefined, options: { skip?: boolean } = {}): QueryState<T> {
  const { client, liveVersion } = useSession();
  const [state, setState] = useState<{ data: T | null; errors: GraphQLErrorBody[]; loading: boolean }>({
    data: null,
    errors: [],
    loading: !options.skip,
  });
  const [manual, setManual] = useState(0);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables ?? {});
  const lastKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  const pending = useRef(false);
  const seenVersion = useRef(liveVersion);

  // A live update never aborts a request in flight (under steady traffic that would starve the view): it is
  // queued and run once the current one answers, so updates coalesce.
  useEffect(() => {
    if (seenVersion.current === liveVersion) return;
    seenVersion.current = liveVersion;
    if (inFlight.current) pending.current = true;
    else setTick((t) => t + 1);
  }, [liveVersion]);

  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    const variablesChanged = lastKey.current !== key;
    lastKey.current = key;
    setState((s) => ({ data: variablesChanged ? null : s.data, errors: variablesChanged ? [] : s.errors, loading: true }));
    inFlight.current = true;
    const settle = () => {
      inFlight.current = false;
      if (pending.current) {
        pending.current = false;
        setTick((t) => t + 1);
      }
    };
    client
      .requestPartial<T>(query, JSON.parse(key), controller.signal)
      .then(({ data, errors }) => {
        if (controller.signal.aborted) return;
        setState({ data, errors, loading: false });
        settle();
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const errors = error instanceof ApiError ? error.errors : [{ message: (error as Error).message }];
        setState((s) => ({ data: s.data, errors: errors.length ? errors : [{ message: String(error) }], loading: false }));
        settle();
      });
    return () => {
      controller.abort();
      inFlight.current = false;
    };
  }, [client, query, key, tick, manual, options.skip]);

  const refetch = useCallback(() => setManual((n) => n + 1), []);
  return { ...state, refetch };
}
