import type { Asset } from "../api/types";
import type { Pagination } from "../api/client";
import { parseQuery, type SearchState } from "./query";

// Which API call answers a search. Text, tags alone and "everything" map to one paginated API call each.
// The catalogue API has no type filter, nor text and tags combined, so those combinations fetch the
// largest page the API gives (1000) and filter and page here; `truncated` says when that was not all.

export const maxFetch = 1000;

export type ApiCall =
  | { method: "GET"; path: string }
  | { method: "POST"; path: string; body: Record<string, unknown> };

export interface SearchPlan {
  call: ApiCall;
  /** Set when the page is cut from a larger fetch here rather than by the server. */
  localFilter?: { types: string[]; tags: string[]; page: number; limit: number };
}

export function planSearch(state: SearchState): SearchPlan {
  const { text, tags } = parseQuery(state.q);
  const needsLocal = state.types.length > 0 || (text !== "" && tags.length > 0);
  const [page, limit] = needsLocal ? [1, maxFetch] : [state.page, state.limit];
  const call: ApiCall = text
    ? { method: "POST", path: "/assets/search", body: { query: text, limit, page } }
    : tags.length > 0
      ? { method: "POST", path: "/assets/tags", body: { tags, limit, page } }
      : { method: "GET", path: `/assets/?limit=${limit}&page=${page}` };
  return needsLocal
    ? { call, localFilter: { types: state.types, tags: text ? tags : [], page: state.page, limit: state.limit } }
    : { call };
}

export interface SearchResult {
  assets: Asset[];
  pagination: Pagination;
  /** The API had more matches than one fetch returns, so the filtered list may be incomplete. */
  truncated: boolean;
}

export function applyLocalFilter(
  fetched: { data: Asset[]; pagination: Pagination },
  filter: NonNullable<SearchPlan["localFilter"]>,
): SearchResult {
  const matching = fetched.data.filter(
    (asset) =>
      (filter.types.length === 0 || filter.types.includes(asset.type)) &&
      filter.tags.every((tag) => (asset.tags ?? []).includes(tag)),
  );
  const total = matching.length;
  const totalPage = Math.ceil(total / filter.limit);
  const page = filter.page;
  return {
    assets: matching.slice((page - 1) * filter.limit, page * filter.limit),
    pagination: {
      total,
      page,
      perPage: filter.limit,
      prev: page > 1 && total > 0 ? page - 1 : 0,
      next: page < totalPage ? page + 1 : 0,
      totalPage,
    },
    truncated: fetched.pagination.total > fetched.data.length,
  };
}
