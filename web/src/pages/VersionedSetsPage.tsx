import { useState, type FormEvent } from "react";
import { api, queryString, type Paged } from "../api/client";
import type { VersionedSetHeader } from "../api/types";
import { useApi } from "../api/useApi";
import { Pager } from "../components/Pager";
import { Loaded } from "../components/Status";
import { Time } from "../components/Time";
import { useTitle } from "../components/useTitle";
import { Link, navigate, useLocation } from "../router";

/** Feature sets and metric sets share one API shape (docs/API.md): the list page is the same for both. */
export interface SetKind {
  title: string;
  /** API prefix: "/featureset" or "/metricstore". */
  api: string;
  /** Client route of this list. */
  listRoute: string;
  setRoute: (name: string) => string;
  count: (set: VersionedSetHeader) => string;
}

const pageSize = 50;

/** The sets of one page grouped by name, in order of each name's newest set (the API answers newest first). */
function groupByName(sets: VersionedSetHeader[]): { name: string; sets: VersionedSetHeader[] }[] {
  const groups = new Map<string, VersionedSetHeader[]>();
  for (const set of sets) groups.set(set.name, [...(groups.get(set.name) ?? []), set]);
  return [...groups].map(([name, grouped]) => ({ name, sets: grouped }));
}

/** All sets, newest first, or the sets a text search finds, grouped by name; each name links to the page with all its versions. */
export function VersionedSetsPage({ kind }: { kind: SetKind }) {
  const params = new URLSearchParams(useLocation().search);
  const query = params.get("q") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [draft, setDraft] = useState(query);
  useTitle(kind.title);
  const go = (q: string, p: number) => navigate(`${kind.listRoute}${queryString({ q: q.trim() || undefined, page: p > 1 ? p : undefined })}`);
  const sets = useApi(`${kind.api}:${query}:${page}`, (signal) =>
    query
      ? api.post<Paged<VersionedSetHeader>>(`${kind.api}/search`, { query, limit: pageSize, page }, signal)
      : api.get<Paged<VersionedSetHeader>>(`${kind.api}/${queryString({ limit: pageSize, page })}`, signal),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(draft, 1);
  };

  return (
    <>
      <h1>{kind.title}</h1>
      <form className="search-row narrow" role="search" onSubmit={submit}>
        <label htmlFor="set-query">Search</label>
        <input id="set-query" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="name, version, description, labels" />
        <button type="submit">Search</button>
      </form>
      <Loaded value={sets} what={kind.title.toLowerCase()}>
        {(found) =>
          found.data.length === 0 ? (
            <p className="empty" role="status">
              No {kind.title.toLowerCase()} {query ? "match this search" : "yet"}.
            </p>
          ) : (
            <>
              <div className="table-scroll">
                <table className="sets">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Versions (newest first)</th>
                      <th scope="col">Last inserted</th>
                      <th scope="col">Contents</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {groupByName(found.data).map(({ name, sets: versions }) => (
                      <tr key={name}>
                        <th scope="row">
                          <Link href={kind.setRoute(name)} className="set-link">
                            {name}
                          </Link>
                        </th>
                        <td>
                          <ul className="inline-list">
                            {versions.map((set, i) => (
                              <li key={i}>
                                <Link href={`${kind.setRoute(name)}${queryString({ version: set.version })}`}>{set.version}</Link>
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td>
                          <Time value={versions[0]!.inserted_at} />
                        </td>
                        <td>{kind.count(versions[0]!)}</td>
                        <td className="clamp">{versions[0]!.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pagination={found.pagination} onPage={(p) => go(query, p)} label="Pages" />
            </>
          )
        }
      </Loaded>
    </>
  );
}
