// How a free-form JSON label value is shown: scalars as text, a list of scalars as a list, a list of
// objects as a table whose columns are the union of their keys, an object as a key/value table.

export type JsonView =
  | { kind: "empty"; text: string }
  | { kind: "text"; text: string }
  | { kind: "list"; items: unknown[] }
  | { kind: "table"; columns: string[]; rows: Record<string, unknown>[] }
  | { kind: "object"; entries: [string, unknown][] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function viewOf(value: unknown): JsonView {
  if (value === null || value === undefined) return { kind: "empty", text: "null" };
  if (typeof value === "string") return value === "" ? { kind: "empty", text: "(empty)" } : { kind: "text", text: value };
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return { kind: "text", text: String(value) };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: "empty", text: "(none)" };
    if (value.every(isRecord)) {
      const columns = [...new Set(value.flatMap((row) => Object.keys(row)))];
      return { kind: "table", columns, rows: value };
    }
    return { kind: "list", items: value };
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? { kind: "empty", text: "(empty)" } : { kind: "object", entries };
  }
  return { kind: "text", text: String(value) };
}
