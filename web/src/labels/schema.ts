// Recognises the column lists that crawlers and producers store in an asset's `schema` label:
//  - Hive/Impala crawlers: {"<column>": {"Type": "...", "Comment": "..."}} (capitalised keys, reference §6.1);
//  - OpenLineage's schema facet: {"fields": [{"name", "type", "description", "fields"?: [...]}]};
//  - a plain list of {"name", "type", "comment"|"description"}.
// Anything else (e.g. a Kafka topic's {"<version>": "<schema text>"}) is not a column list and is shown as a label.

export interface SchemaColumn {
  name: string;
  type: string;
  comment: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function field(record: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = record[key] ?? record[key.charAt(0).toUpperCase() + key.slice(1)];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  }
  return undefined;
}

function fromList(list: unknown[], prefix: string): SchemaColumn[] | undefined {
  const columns: SchemaColumn[] = [];
  for (const item of list) {
    if (!isRecord(item)) return undefined;
    const name = field(item, "name");
    if (name === undefined) return undefined;
    const full = prefix + name;
    columns.push({ name: full, type: field(item, "type", "dataType") ?? "", comment: field(item, "comment", "description") ?? "" });
    if (Array.isArray(item.fields)) columns.push(...(fromList(item.fields, `${full}.`) ?? []));
  }
  return columns;
}

function fromMap(map: Record<string, unknown>): SchemaColumn[] | undefined {
  const entries = Object.entries(map);
  if (entries.length === 0 || !entries.every(([, v]) => isRecord(v) && field(v, "type") !== undefined)) return undefined;
  return entries.map(([name, v]) => {
    const column = v as Record<string, unknown>;
    return { name, type: field(column, "type") ?? "", comment: field(column, "comment", "description") ?? "" };
  });
}

/** The columns described by a `schema` label value, or undefined when it is not a column list. */
export function schemaColumns(value: unknown): SchemaColumn[] | undefined {
  if (Array.isArray(value)) return value.length > 0 ? fromList(value, "") : undefined;
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value.fields)) return fromList(value.fields, "");
  return fromMap(value);
}
