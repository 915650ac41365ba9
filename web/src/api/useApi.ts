import { useEffect, useState } from "react";
import { ApiError } from "./client";

export type Loadable<T> =
  | { status: "loading" }
  | { status: "error"; error: ApiError }
  | { status: "done"; value: T };

/**
 * Runs `load` whenever `key` changes and tracks its outcome. A newer request cancels the older one,
 * so a slow answer never overwrites a newer one.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [state, setState] = useState<{ key: string; loadable: Loadable<T> }>({ key, loadable: { status: "loading" } });
  useEffect(() => {
    const controller = new AbortController();
    setState({ key, loadable: { status: "loading" } });
    load(controller.signal).then(
      (value) => setState({ key, loadable: { status: "done", value } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ key, loadable: { status: "error", error: error instanceof ApiError ? error : new ApiError(String(error), 0) } });
      },
    );
    return () => controller.abort();
    // `load` is a new closure on every render; `key` names what it loads.
  }, [key]);
  return state.key === key ? state.loadable : { status: "loading" };
}
