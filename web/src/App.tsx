import { useEffect, useRef } from "react";
import { useAuth } from "./api/useAuth";
import { SignInPanel, SignOutButton } from "./components/SignInPanel";
import { AssetPage } from "./pages/AssetPage";
import { RunsPage } from "./pages/RunsPage";
import { SearchPage } from "./pages/SearchPage";
import { FeatureSetPage, MetricSetPage } from "./pages/SetPages";
import { VersionedSetsPage, type SetKind } from "./pages/VersionedSetsPage";
import { Link, matchNamed, routes, useLocation } from "./router";

const featureSets: SetKind = {
  title: "Feature sets",
  api: "/featureset",
  listRoute: routes.featureSets(),
  setRoute: routes.featureSet,
  count: (set) => `${("features" in set && Array.isArray(set.features) ? set.features.length : 0)} features`,
};

const metricSets: SetKind = {
  title: "Metric sets",
  api: "/metricstore",
  listRoute: routes.metricSets(),
  setRoute: routes.metricSet,
  count: (set) => `${("metrics" in set && Array.isArray(set.metrics) ? set.metrics.length : 0)} results`,
};

function Page({ pathname }: { pathname: string }) {
  const asset = matchNamed(pathname, "asset");
  if (asset !== undefined) return <AssetPage key={asset} name={asset} />;
  const featureSet = matchNamed(pathname, "featureset");
  if (featureSet !== undefined) return <FeatureSetPage key={featureSet} name={featureSet} />;
  const metricSet = matchNamed(pathname, "metricset");
  if (metricSet !== undefined) return <MetricSetPage key={metricSet} name={metricSet} />;
  switch (pathname) {
    case "/":
      return <SearchPage />;
    case routes.featureSets():
      return <VersionedSetsPage key="featuresets" kind={featureSets} />;
    case routes.metricSets():
      return <VersionedSetsPage key="metricsets" kind={metricSets} />;
    case routes.runs():
      return <RunsPage />;
    default:
      return (
        <>
          <h1>Page not found</h1>
          <p>
            There is no page at <code>{pathname}</code>. <Link href={routes.search()}>Search the catalogue</Link>.
          </p>
        </>
      );
  }
}

const sections = [
  { href: routes.search(), label: "Catalogue", matches: (p: string) => p === "/" || p.startsWith("/ui/asset/") },
  { href: routes.featureSets(), label: "Feature sets", matches: (p: string) => p.startsWith("/ui/featureset") },
  { href: routes.metricSets(), label: "Metric sets", matches: (p: string) => p.startsWith("/ui/metricset") },
  { href: routes.runs(), label: "Runs", matches: (p: string) => p.startsWith("/ui/runs") },
];

export function App() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  // After client-side navigation, move focus to the new page so keyboard and screen-reader users start there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [pathname]);
  // Likewise once signed in: the sign-in panel (which had focus) is gone and the page shows what it waited for.
  const { prompt, epoch } = useAuth();
  const prompted = useRef(false);
  useEffect(() => {
    if (prompted.current && !prompt) main.current?.focus({ preventScroll: true });
    prompted.current = prompt !== undefined;
  }, [prompt]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href={routes.search()} className="brand">
          Mastro
        </Link>
        <nav aria-label="Sections">
          <ul>
            {sections.map((section) => (
              <li key={section.href}>
                <Link href={section.href} aria-current={section.matches(pathname) ? "page" : undefined}>
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SignOutButton />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <SignInPanel />
        {/* A new epoch (after signing out) remounts the page: nothing read with the old token stays on screen. */}
        <Page key={epoch} pathname={pathname} />
      </main>
    </>
  );
}
