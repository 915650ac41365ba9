import { describe, expect, it } from "vitest";
import type { Asset } from "../api/types";
import { applyLocalFilter, planSearch } from "./plan";

const state = (q: string, types: string[] = [], page = 1, limit = 20) => ({ q, types, page, limit });

describe("planSearch", () => {
  it("lists everything for an empty search, paged by the server", () => {
    expect(planSearch(state("", [], 2, 10))).toEqual({ call: { method: "GET", path: "/assets/?limit=10&page=2" } });
  });
  it("uses the text search for words", () => {
    expect(planSearch(state("orders 2021", [], 3))).toEqual({
      call: { method: "POST", path: "/assets/search", body: { query: "orders 2021", limit: 20, page: 3 } },
    });
  });
  it("uses the tag query for tags alone", () => {
    expect(planSearch(state("#a #b"))).toEqual({ call: { method: "POST", path: "/assets/tags", body: { tags: ["a", "b"], limit: 20, page: 1 } } });
  });
  it("fetches the largest page and filters here for a type filter", () => {
    expect(planSearch(state("#a", ["table"], 2, 10))).toEqual({
      call: { method: "POST", path: "/assets/tags", body: { tags: ["a"], limit: 1000, page: 1 } },
      localFilter: { types: ["table"], tags: [], page: 2, limit: 10 },
    });
  });
  it("filters tags here when combined with words", () => {
    expect(planSearch(state("orders #a")).localFilter).toEqual({ types: [], tags: ["a"], page: 1, limit: 20 });
  });
});

describe("applyLocalFilter", () => {
  const asset = (name: string, type: string, tags: string[] | null = []): Asset => ({ name, type, tags });
  const fetched = (data: Asset[], total = data.length) => ({
    data,
    pagination: { total, page: 1, perPage: 1000, prev: 0, next: 0, totalPage: 1 },
  });

  it("keeps matching types and tags and pages the rest", () => {
    const data = [asset("a", "table", ["x"]), asset("b", "dataset", ["x"]), asset("c", "table", null), asset("d", "table", ["x", "y"])];
    const result = applyLocalFilter(fetched(data), { types: ["table"], tags: ["x"], page: 2, limit: 1 });
    expect(result.assets.map((a) => a.name)).toEqual(["d"]);
    expect(result.pagination).toEqual({ total: 2, page: 2, perPage: 1, prev: 1, next: 0, totalPage: 2 });
    expect(result.truncated).toBe(false);
  });
  it("reports when the server had more than one fetch", () => {
    expect(applyLocalFilter(fetched([asset("a", "table")], 5000), { types: ["table"], tags: [], page: 1, limit: 10 }).truncated).toBe(true);
  });
  it("answers an empty page for no match", () => {
    const result = applyLocalFilter(fetched([asset("a", "table")]), { types: ["model"], tags: [], page: 1, limit: 10 });
    expect(result.assets).toEqual([]);
    expect(result.pagination.total).toBe(0);
  });
});
