import { describe, expect, it } from "vitest";
import { viewOf } from "./json";
import { schemaColumns } from "./schema";
import { staleInfo } from "./stale";
import { formatDuration, formatTime, isSetTime, relativeTime } from "./time";

describe("schemaColumns", () => {
  it("reads the Hive crawler's column map", () => {
    expect(schemaColumns({ id: { Type: "bigint", Comment: "key" }, name: { Type: "string", Comment: "" } })).toEqual([
      { name: "id", type: "bigint", comment: "key" },
      { name: "name", type: "string", comment: "" },
    ]);
  });
  it("reads OpenLineage's schema facet, nested fields included", () => {
    expect(schemaColumns({ fields: [{ name: "a", type: "struct", fields: [{ name: "b", type: "int", description: "inner" }] }] })).toEqual([
      { name: "a", type: "struct", comment: "" },
      { name: "a.b", type: "int", comment: "inner" },
    ]);
  });
  it("reads a list of columns", () => {
    expect(schemaColumns([{ name: "x", type: "double", comment: "c" }])).toEqual([{ name: "x", type: "double", comment: "c" }]);
  });
  it("rejects what is not a column list", () => {
    expect(schemaColumns({ "1": "syntax = proto3" })).toBeUndefined();
    expect(schemaColumns("id int")).toBeUndefined();
    expect(schemaColumns([])).toBeUndefined();
    expect(schemaColumns([{ type: "int" }])).toBeUndefined();
    expect(schemaColumns(null)).toBeUndefined();
  });
});

describe("viewOf", () => {
  it("shows scalars as text and empties as such", () => {
    expect(viewOf("x")).toEqual({ kind: "text", text: "x" });
    expect(viewOf(0)).toEqual({ kind: "text", text: "0" });
    expect(viewOf(false)).toEqual({ kind: "text", text: "false" });
    expect(viewOf(null).kind).toBe("empty");
    expect(viewOf({}).kind).toBe("empty");
    expect(viewOf([]).kind).toBe("empty");
  });
  it("shows a list of objects as a table over the union of their keys", () => {
    expect(viewOf([{ a: 1 }, { b: 2 }])).toEqual({ kind: "table", columns: ["a", "b"], rows: [{ a: 1 }, { b: 2 }] });
  });
  it("shows an object as entries and a mixed list as a list", () => {
    expect(viewOf({ k: { n: 1 } })).toEqual({ kind: "object", entries: [["k", { n: 1 }]] });
    expect(viewOf([1, { a: 1 }]).kind).toBe("list");
  });
});

describe("staleInfo", () => {
  it("reads the crawler's stale label", () => {
    expect(staleInfo({ stale: { "last-seen-at": "2024-01-02T03:04:05Z", crawler: "hive" } })).toEqual({ lastSeenAt: "2024-01-02T03:04:05Z", crawler: "hive" });
  });
  it("is undefined without the label and empty for an odd one", () => {
    expect(staleInfo({})).toBeUndefined();
    expect(staleInfo(null)).toBeUndefined();
    expect(staleInfo({ stale: "yes" })).toEqual({});
  });
});

describe("time", () => {
  it("treats the zero time as unset", () => {
    expect(isSetTime("0001-01-01T00:00:00Z")).toBe(false);
    expect(isSetTime("")).toBe(false);
    expect(isSetTime("2024-05-01T10:00:00Z")).toBe(true);
  });
  it("formats in UTC", () => {
    expect(formatTime("2024-05-01T10:20:30+02:00")).toBe("2024-05-01 08:20 UTC");
    expect(formatTime(0)).toBe("1970-01-01 00:00 UTC");
  });
  it("says how long ago", () => {
    const now = Date.parse("2024-05-03T00:00:00Z");
    expect(relativeTime("2024-05-01T00:00:00Z", now)).toBe("2 days ago");
    expect(relativeTime("2024-05-02T23:59:30Z", now)).toBe("just now");
  });
  it("formats durations", () => {
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3_780_000)).toBe("1 h 3 min");
  });
});
