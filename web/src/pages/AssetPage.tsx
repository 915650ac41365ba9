import { api, encodeName } from "../api/client";
import type { Asset } from "../api/types";
import { useApi } from "../api/useApi";
import { BreakableName } from "../components/BreakableName";
import { JsonValue, KeyValueTable } from "../components/JsonValue";
import { Loaded } from "../components/Status";
import { Time } from "../components/Time";
import { TypeBadge } from "../components/TypeBadge";
import { useTitle } from "../components/useTitle";
import { schemaColumns } from "../labels/schema";
import { staleInfo } from "../labels/stale";
import { formatTime, isSetTime } from "../labels/time";
import { LineageSection } from "../lineage/LineageSection";
import { Link, routes } from "../router";
import { RunsTable } from "./RunsPage";

/** Asset types whose runs OpenLineage reports (the lineage API's JOB nodes). */
const jobTypes = new Set(["pipeline", "workflow", "notebook", "service"]);

export function AssetPage({ name }: { name: string }) {
  useTitle(name);
  const asset = useApi(`asset:${name}`, (signal) => api.get<Asset>(`/asset/name/${encodeName(name)}`, signal));
  return (
    <Loaded value={asset} what={`asset ${name}`}>
      {(found) => <AssetDetails asset={found} />}
    </Loaded>
  );
}

/** Links to assets; a long list shows its first few and keeps the rest one click away. */
function AssetLinks({ names }: { names: string[] }) {
  const shown = 12;
  const list = (items: string[]) => (
    <ul className="inline-list">
      {items.map((name) => (
        <li key={name}>
          <Link href={routes.asset(name)}>{name}</Link>
        </li>
      ))}
    </ul>
  );
  if (names.length <= shown) return list(names);
  return (
    <>
      {list(names.slice(0, shown))}
      <details>
        <summary>{names.length - shown} more</summary>
        {list(names.slice(shown))}
      </details>
    </>
  );
}

function AssetDetails({ asset }: { asset: Asset }) {
  const labels = asset.labels ?? {};
  const stale = staleInfo(labels);
  const columns = schemaColumns(labels.schema);
  const aliases = labels.aliases;
  const shownApart = new Set([...(columns ? ["schema"] : []), ...(stale ? ["stale"] : []), ...(aliases !== undefined ? ["aliases"] : [])]);
  const otherLabels = Object.entries(labels).filter(([key]) => !shownApart.has(key));
  const versions = Object.entries(asset.versions ?? {}).sort(([a], [b]) => b.localeCompare(a, undefined, { numeric: true }));
  const dependsOn = asset["depends-on"] ?? [];

  return (
    <article className="asset">
      <header className="asset-header">
        <h1 className="asset-name">
          <BreakableName name={asset.name} />
        </h1>
        <TypeBadge type={asset.type} />
      </header>
      {stale ? (
        <p className="stale-banner" role="note">
          <strong>Stale:</strong> {stale.crawler ? <>crawler <code>{stale.crawler}</code> no longer finds this asset</> : "this asset is no longer found"}
          {stale.lastSeenAt ? <>; last seen {isSetTime(stale.lastSeenAt) ? formatTime(stale.lastSeenAt) : stale.lastSeenAt}</> : null}.
        </p>
      ) : null}
      <dl className="facts">
        <dt>Last seen</dt>
        <dd>
          <Time value={asset["last-discovered-at"]} relative /> <span className="muted">({isSetTime(asset["last-discovered-at"]) ? formatTime(asset["last-discovered-at"]!) : "never"})</span>
        </dd>
        {isSetTime(asset["published-on"]) ? (
          <>
            <dt>Published</dt>
            <dd>
              <Time value={asset["published-on"]} />
            </dd>
          </>
        ) : null}
        <dt>Tags</dt>
        <dd>
          {(asset.tags ?? []).length > 0 ? (
            <ul className="tags">
              {(asset.tags ?? []).map((tag) => (
                <li key={tag}>
                  <Link className="tag" href={routes.search(`?q=${encodeURIComponent(`#${tag}`)}`)}>
                    #{tag}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
        {aliases !== undefined ? (
          <>
            <dt>Aliases</dt>
            <dd>
              <JsonValue value={aliases} />
            </dd>
          </>
        ) : null}
        <dt>Depends on</dt>
        <dd>
          {dependsOn.length > 0 ? <AssetLinks names={dependsOn} /> : <span className="muted">nothing</span>}
        </dd>
      </dl>

      <section aria-labelledby="description-title">
        <h2 id="description-title">Description</h2>
        {asset.description ? <p className="description">{asset.description}</p> : <p className="muted">No description.</p>}
      </section>

      {columns ? (
        <section aria-labelledby="schema-title">
          <h2 id="schema-title">Schema</h2>
          <div className="table-scroll">
            <table className="schema">
              <caption className="visually-hidden">Columns of {asset.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Comment</th>
                </tr>
              </thead>
              <tbody>
                {columns.map((column) => (
                  <tr key={column.name}>
                    <td>
                      <code>{column.name}</code>
                    </td>
                    <td>{column.type}</td>
                    <td>{column.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <LineageSection name={asset.name} />

      <section aria-labelledby="labels-title">
        <h2 id="labels-title">Labels</h2>
        {otherLabels.length > 0 ? <KeyValueTable entries={otherLabels} /> : <p className="muted">No labels.</p>}
      </section>

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {versions.length > 0 ? (
          <div className="table-scroll">
            <table className="kv">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {versions.map(([version, details]) => (
                  <tr key={version}>
                    <th scope="row">
                      {version}
                      {/^\d{9,10}$/.test(version) ? <div className="muted small">{formatTime(Number(version) * 1000)}</div> : null}
                    </th>
                    <td>
                      <JsonValue value={details} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No versions.</p>
        )}
      </section>

      {jobTypes.has(asset.type) ? (
        <section aria-labelledby="runs-title">
          <h2 id="runs-title">Recent runs</h2>
          <RunsTable job={asset.name} />
        </section>
      ) : null}
    </article>
  );
}
