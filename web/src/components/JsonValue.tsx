import { viewOf } from "../labels/json";

/** Items shown of a long list or table (e.g. a feature holding a whole dataframe); the rest is counted. */
const shownItems = 100;

function More({ total }: { total: number }) {
  return total > shownItems ? <p className="muted small">… and {total - shownItems} more</p> : null;
}

/** Any JSON value, readable: text, a list, or a (nested) table — never "[object Object]". */
export function JsonValue({ value }: { value: unknown }) {
  const view = viewOf(value);
  switch (view.kind) {
    case "empty":
      return <span className="muted">{view.text}</span>;
    case "text":
      return <span className="text-value">{view.text}</span>;
    case "list":
      return (
        <>
          <ul className="value-list">
            {view.items.slice(0, shownItems).map((item, i) => (
              <li key={i}>
                <JsonValue value={item} />
              </li>
            ))}
          </ul>
          <More total={view.items.length} />
        </>
      );
    case "table":
      return (
        <div className="table-scroll">
          <table className="nested">
            <thead>
              <tr>
                {view.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.slice(0, shownItems).map((row, i) => (
                <tr key={i}>
                  {view.columns.map((column) => (
                    <td key={column}>{column in row ? <JsonValue value={row[column]} /> : null}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <More total={view.rows.length} />
        </div>
      );
    case "object":
      return <KeyValueTable entries={view.entries} nested />;
  }
}

export function KeyValueTable({ entries, nested = false, caption }: { entries: [string, unknown][]; nested?: boolean; caption?: string }) {
  return (
    <div className="table-scroll">
      <table className={nested ? "nested kv" : "kv"}>
        {caption ? <caption>{caption}</caption> : null}
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>
                <JsonValue value={value} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
