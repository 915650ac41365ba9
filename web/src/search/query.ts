// The search box and the URL: one query string holds free text and #tag terms, so a search is shared by
// copying the address. Type filters and paging travel as separate URL parameters.

export interface SearchState {
  /** What the user typed, #tags included. */
  q: string;
  types: string[];
  page: number;
  limit: number;
}

export const pageSizes = [10, 20, 50, 100] as const;
export const defaultLimit = 20;

export interface ParsedQuery {
  /** The words that are not tags, joined by single spaces. */
  text: string;
  /** Tags named with a leading '#', without it, in order, without duplicates. */
  tags: string[];
}

/** Splits "orders #finance #pii 2021" into text "orders 2021" and tags ["finance", "pii"]. Commas separate like spaces. */
export function parseQuery(q: string): ParsedQuery {
  const words = q.split(/[\s,]+/).filter(Boolean);
  const tags: string[] = [];
  const text: string[] = [];
  for (const word of words) {
    if (word.startsWith("#")) {
      const tag = word.replace(/^#+/, "");
      if (tag && !tags.includes(tag)) tags.push(tag);
    } else text.push(word);
  }
  return { text: text.join(" "), tags };
}

/** The query with one more #tag term (no-op when it is already there). Tags containing spaces cannot be typed and are added as-is. */
export function withTag(q: string, tag: string): string {
  if (parseQuery(q).tags.includes(tag)) return q;
  return `${q.trim()} #${tag}`.trim();
}

export function withoutTag(q: string, tag: string): string {
  return q
    .split(/[\s,]+/)
    .filter((word) => word && !(word.startsWith("#") && word.replace(/^#+/, "") === tag))
    .join(" ");
}

function positiveInt(value: string | null, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

export function stateFromUrl(search: string): SearchState {
  const params = new URLSearchParams(search);
  return {
    q: params.get("q") ?? "",
    types: params.getAll("type").filter(Boolean),
    page: positiveInt(params.get("page"), 1, Number.MAX_SAFE_INTEGER),
    limit: positiveInt(params.get("limit"), defaultLimit, 1000),
  };
}

/** The URL query for a state, leaving defaults out so shared links stay short. */
export function stateToUrl(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const type of state.types) params.append("type", type);
  if (state.page > 1) params.set("page", String(state.page));
  if (state.limit !== defaultLimit) params.set("limit", String(state.limit));
  const text = params.toString();
  return text ? `?${text}` : "";
}
