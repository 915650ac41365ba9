// A minimal client-side router over the History API. Client routes live under /ui/ (and / for search)
// so they never collide with API routes such as /asset/name/{name} or /featureset/name/{name}.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener("popstate", notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Location {
  pathname: string;
  search: string;
}

export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot);
  const at = current.indexOf("?");
  return at < 0 ? { pathname: current, search: "" } : { pathname: current.slice(0, at), search: current.slice(at) };
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  notify();
  if (!options.replace) window.scrollTo(0, 0);
}

/** Whether a click should stay in the app (a plain left click) rather than open a new tab or window. */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && !event.defaultPrevented;
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}

/** The app's URLs, in one place. Names are one encoded path segment: they may contain '/', '?' or '#'. */
export const routes = {
  search: (query = "") => `/${query}`,
  asset: (name: string) => `/ui/asset/${encodeURIComponent(name)}`,
  featureSets: () => "/ui/featuresets",
  featureSet: (name: string) => `/ui/featureset/${encodeURIComponent(name)}`,
  metricSets: () => "/ui/metricsets",
  metricSet: (name: string) => `/ui/metricset/${encodeURIComponent(name)}`,
  runs: (job?: string) => (job ? `/ui/runs?job=${encodeURIComponent(job)}` : "/ui/runs"),
};

/** Matches "/ui/<kind>/<encoded name>" and returns the decoded name. */
export function matchNamed(pathname: string, kind: string): string | undefined {
  const prefix = `/ui/${kind}/`;
  if (!pathname.startsWith(prefix)) return undefined;
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return pathname.slice(prefix.length);
  }
}
