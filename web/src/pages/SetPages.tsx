import { api, encodeName, queryString, type Paged } from "../api/client";
import type { FeatureSet, MetricSet, VersionedSetHeader } from "../api/types";
import { useApi } from "../api/useApi";
import { JsonValue, KeyValueTable } from "../components/JsonValue";
import { Loaded } from "../components/Status";
import { Time } from "../components/Time";
import { useTitle } from "../components/useTitle";
import { formatTime } from "../labels/time";
import { LineChart } from "../metrics/LineChart";
import { metricCharts, metricRows } from "../metrics/series";
import { navigate, useLocation } from "../router";
import type { ReactNode } from "react";

// Enough versions of one set for its history; the API caps a page at 1000.
const versionsFetched = 1000;

function useVersions<T extends VersionedSetHeader>(prefix: string, name: string) {
  return useApi(`${prefix}:${name}`, (signal) =>
    api.get<Paged<T>>(`${prefix}/name/${encodeName(name)}${queryString({ limit: versionsFetched, page: 1 })}`, signal),
  );
}

/** Every version of a named set (newest first), one selected through ?version= so the view can be shared. */
function VersionedSetPage<T extends VersionedSetHeader>(props: {
  title: string;
  name: string;
  prefix: string;
  above?: (sets: T[]) => ReactNode;
  details: (set: T) => ReactNode;
}) {
  const { title, name, prefix, above, details } = props;
  const location = useLocation();
  const wanted = new URLSearchParams(location.search).get("version");
  const sets = useVersions<T>(prefix, name);
  useTitle(`${title} ${name}`);
  return (
    <>
      <h1 className="asset-name">
        {title} <span className="set-name">{name}</span>
      </h1>
      <Loaded value={sets} what={`${title.toLowerCase()} ${name}`}>
        {(found) => {
          if (found.data.length === 0)
            return (
              <p className="empty" role="status">
                No {title.toLowerCase()} named {name}.
              </p>
            );
          const selectedIndex = Math.max(0, found.data.findIndex((s) => s.version === wanted));
          const selected = found.data[selectedIndex]!;
          return (
            <>
              {found.pagination.total > found.data.length ? (
                <p className="notice">Showing the newest {found.data.length} of {found.pagination.total} versions.</p>
              ) : null}
              {above?.(found.data)}
              <section aria-labelledby="versions-title">
                <h2 id="versions-title">Versions</h2>
                <div className="table-scroll">
                  <table className="versions">
                    <thead>
                      <tr>
                        <th scope="col">Version</th>
                        <th scope="col">Inserted</th>
                        <th scope="col">Description</th>
                      </tr>
                    </thead>
                    <tbody>
                      {found.data.map((set, i) => (
                        <tr key={i} aria-selected={i === selectedIndex} className={i === selectedIndex ? "selected" : undefined}>
                          <td>
                            <button
                              type="button"
                              className="link-button"
                              aria-pressed={i === selectedIndex}
                              onClick={() => navigate(`${location.pathname}${queryString({ version: set.version })}`, { replace: true })}
                            >
                              {set.version}
                            </button>
                          </td>
                          <td>
                            <Time value={set.inserted_at} />
                          </td>
                          <td className="clamp">{set.description}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
              <section aria-labelledby="selected-title">
                <h2 id="selected-title">Version {selected.version}</h2>
                {selected.description ? <p className="description">{selected.description}</p> : null}
                <h3>Labels</h3>
                {Object.keys(selected.labels ?? {}).length > 0 ? <KeyValueTable entries={Object.entries(selected.labels ?? {})} /> : <p className="muted">No labels.</p>}
                {details(selected)}
              </section>
            </>
          );
        }}
      </Loaded>
    </>
  );
}

export function FeatureSetPage({ name }: { name: string }) {
  return (
    <VersionedSetPage<FeatureSet>
      title="Feature set"
      name={name}
      prefix="/featureset"
      details={(set) => (
        <>
          <h3>Features</h3>
          {(set.features ?? []).length === 0 ? (
            <p className="muted">No features.</p>
          ) : (
            <div className="table-scroll">
              <table className="features">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Data type</th>
                    <th scope="col">Value</th>
                  </tr>
                </thead>
                <tbody>
                  {(set.features ?? []).map((feature, i) => (
                    <tr key={i}>
                      <td>
                        <code>{feature.name}</code>
                      </td>
                      <td>{feature.data_type ?? ""}</td>
                      <td>
                        <JsonValue value={feature.value} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    />
  );
}

export function MetricSetPage({ name }: { name: string }) {
  return (
    <VersionedSetPage<MetricSet>
      title="Metric set"
      name={name}
      prefix="/metricstore"
      above={(sets) => {
        const charts = metricCharts(metricRows(sets));
        return (
          <section aria-labelledby="charts-title">
            <h2 id="charts-title">Metrics over time</h2>
            {charts.length === 0 ? (
              <p className="muted">No numeric metrics with a dataSetDate to chart.</p>
            ) : (
              <div className="charts">
                {charts.map((chart) => (
                  <LineChart key={chart.metric} chart={chart} />
                ))}
              </div>
            )}
          </section>
        );
      }}
      details={(set) => {
        const rows = metricRows([set]);
        return (
          <>
            <h3>Metrics</h3>
            {rows.length === 0 ? (
              <p className="muted">No metrics.</p>
            ) : (
              <div className="table-scroll">
                <table className="metrics">
                  <thead>
                    <tr>
                      <th scope="col">dataSetDate</th>
                      <th scope="col">Metric</th>
                      <th scope="col">Entity</th>
                      <th scope="col">Column</th>
                      <th scope="col">Value</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, i) => (
                      <tr key={i}>
                        <td>{row.date === undefined ? <span className="muted">none</span> : formatTime(row.date)}</td>
                        <td>{row.metric}</td>
                        <td>{row.entity}</td>
                        <td>{row.instance}</td>
                        <td>
                          <JsonValue value={row.value} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        );
      }}
    />
  );
}
