import { useEffect, useState, type FormEvent } from "react";
import { api, type Paged } from "../api/client";
import { assetTypes, type Asset } from "../api/types";
import { useApi } from "../api/useApi";
import { BreakableName } from "../components/BreakableName";
import { Loaded } from "../components/Status";
import { Pager } from "../components/Pager";
import { Time } from "../components/Time";
import { TypeBadge } from "../components/TypeBadge";
import { useTitle } from "../components/useTitle";
import { staleInfo } from "../labels/stale";
import { Link, navigate, routes, useLocation } from "../router";
import { applyLocalFilter, maxFetch, planSearch, type SearchResult } from "../search/plan";
import { pageSizes, parseQuery, stateFromUrl, stateToUrl, withTag, withoutTag, type SearchState } from "../search/query";

async function runSearch(state: SearchState, signal: AbortSignal): Promise<SearchResult> {
  const plan = planSearch(state);
  const page =
    plan.call.method === "GET"
      ? await api.get<Paged<Asset>>(plan.call.path, signal)
      : await api.post<Paged<Asset>>(plan.call.path, plan.call.body, signal);
  return plan.localFilter ? applyLocalFilter(page, plan.localFilter) : { assets: page.data, pagination: page.pagination, truncated: false };
}

export function SearchPage() {
  const location = useLocation();
  const state = stateFromUrl(location.search);
  const [draft, setDraft] = useState(state.q);
  useEffect(() => setDraft(state.q), [state.q]);

  const go = (next: Partial<SearchState>) => navigate(routes.search(stateToUrl({ ...state, page: 1, ...next })));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ q: draft });
  };
  const result = useApi(stateToUrl(state) || "all", (signal) => runSearch(state, signal));
  const { tags } = parseQuery(state.q);
  useTitle(state.q.trim() ? `Search: ${state.q.trim()}` : "Search");

  return (
    <>
      <h1>Search the catalogue</h1>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="search-query">Words or #tags</label>
        <div className="search-row">
          <input
            id="search-query"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="e.g. orders 2021 #finance"
            autoComplete="off"
          />
          <button type="submit">Search</button>
        </div>
        <p className="hint">Words match names, descriptions, tags and labels (prefixes too); #tag keeps assets with exactly that tag.</p>
      </form>

      <div className="filters">
        <fieldset className="type-filter">
          <legend>Asset type</legend>
          {assetTypes.map((type) => (
            <label key={type} className="check">
              <input
                type="checkbox"
                name="type"
                value={type}
                checked={state.types.includes(type)}
                onChange={(e) => go({ types: e.target.checked ? [...state.types, type] : state.types.filter((t) => t !== type) })}
              />
              {type}
            </label>
          ))}
        </fieldset>
        {tags.length > 0 || state.types.length > 0 ? (
          <div className="active-filters" aria-label="Active filters">
            {tags.map((tag) => (
              <button key={tag} type="button" className="chip" onClick={() => go({ q: withoutTag(state.q, tag) })} aria-label={`Remove tag filter ${tag}`}>
                #{tag} ×
              </button>
            ))}
            {state.types.map((type) => (
              <button key={type} type="button" className="chip" onClick={() => go({ types: state.types.filter((t) => t !== type) })} aria-label={`Remove type filter ${type}`}>
                type: {type} ×
              </button>
            ))}
          </div>
        ) : null}
      </div>

      <section aria-labelledby="results-title" className="results">
        <div className="results-head">
          <h2 id="results-title">Results</h2>
          <label className="inline">
            Per page{" "}
            <select value={state.limit} onChange={(e) => go({ limit: Number(e.target.value) })}>
              {[...new Set([...pageSizes, state.limit])].sort((a, b) => a - b).map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
        </div>
        <Loaded value={result} what="results">
          {(found) => (
            <>
              {found.truncated ? (
                <p className="notice">Filters were applied to the first {maxFetch} matches only; add words to narrow the search.</p>
              ) : null}
              {found.assets.length === 0 ? (
                <p className="empty" role="status">
                  {found.pagination.total > 0 ? "No results on this page." : "No assets match this search."}
                </p>
              ) : (
                <ol className="result-list" start={(found.pagination.page - 1) * found.pagination.perPage + 1}>
                  {found.assets.map((asset) => (
                    <ResultItem key={asset.name} asset={asset} onTag={(tag) => go({ q: withTag(state.q, tag) })} />
                  ))}
                </ol>
              )}
              <Pager pagination={found.pagination} onPage={(page) => go({ page })} label="Result pages" />
            </>
          )}
        </Loaded>
      </section>
    </>
  );
}

function ResultItem({ asset, onTag }: { asset: Asset; onTag: (tag: string) => void }) {
  const stale = staleInfo(asset.labels);
  return (
    <li className="result">
      <div className="result-title">
        <Link href={routes.asset(asset.name)} className="asset-link">
          <BreakableName name={asset.name} />
        </Link>
        <TypeBadge type={asset.type} />
        {stale ? <span className="badge stale">stale</span> : null}
      </div>
      {asset.description ? <p className="description clamp">{asset.description}</p> : null}
      <div className="result-meta">
        {(asset.tags ?? []).length > 0 ? (
          <ul className="tags" aria-label="Tags">
            {(asset.tags ?? []).map((tag) => (
              <li key={tag}>
                <button type="button" className="tag" onClick={() => onTag(tag)} title={`Only assets tagged ${tag}`}>
                  #{tag}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <span className="muted">
          Last seen <Time value={asset["last-discovered-at"]} relative />
        </span>
      </div>
    </li>
  );
}
