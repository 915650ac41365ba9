import { describe, expect, it } from "vitest";
import { parseQuery, stateFromUrl, stateToUrl, withTag, withoutTag } from "./query";

describe("parseQuery", () => {
  it("separates #tags from words", () => {
    expect(parseQuery("orders #finance 2021 #pii")).toEqual({ text: "orders 2021", tags: ["finance", "pii"] });
  });
  it("accepts commas, repeated hashes and duplicate tags as the original UI did", () => {
    expect(parseQuery(" #a, ##b ,#a ")).toEqual({ text: "", tags: ["a", "b"] });
  });
  it("ignores a lone #", () => {
    expect(parseQuery("# x")).toEqual({ text: "x", tags: [] });
  });
  it("keeps unicode words and tags", () => {
    expect(parseQuery("données #représentation 東京")).toEqual({ text: "données 東京", tags: ["représentation"] });
  });
});

describe("tag editing", () => {
  it("adds a tag once", () => {
    expect(withTag("orders", "pii")).toBe("orders #pii");
    expect(withTag("orders #pii", "pii")).toBe("orders #pii");
    expect(withTag("", "pii")).toBe("#pii");
  });
  it("removes only that tag", () => {
    expect(withoutTag("orders #pii #finance pii", "pii")).toBe("orders #finance pii");
  });
});

describe("URL state", () => {
  it("round-trips a search with filters and paging", () => {
    const state = { q: "orders #pii", types: ["table", "dataset"], page: 3, limit: 50 };
    expect(stateFromUrl(stateToUrl(state))).toEqual(state);
  });
  it("leaves defaults out of the URL", () => {
    expect(stateToUrl({ q: "", types: [], page: 1, limit: 20 })).toBe("");
  });
  it("falls back to defaults for nonsense parameters", () => {
    expect(stateFromUrl("?page=-2&limit=abc")).toEqual({ q: "", types: [], page: 1, limit: 20 });
    expect(stateFromUrl("?limit=5000").limit).toBe(1000);
  });
});
