import type { ReactNode } from "react";
import type { ApiError } from "../api/client";
import type { Loadable } from "../api/useApi";

export function ErrorMessage({ error }: { error: ApiError }) {
  return (
    <div className="error" role="alert">
      <strong>Could not load this.</strong> {error.message}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** Renders a loadable: a loading line, the API's error message, or the content. */
export function Loaded<T>({ value, what, children }: { value: Loadable<T>; what: string; children: (value: T) => ReactNode }) {
  if (value.status === "loading") return <Loading what={what} />;
  if (value.status === "error") return <ErrorMessage error={value.error} />;
  return <>{children(value.value)}</>;
}
