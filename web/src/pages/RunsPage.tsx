import { useState } from "react";
import { api, queryString, type Paged } from "../api/client";
import type { Run } from "../api/types";
import { useApi } from "../api/useApi";
import { Pager } from "../components/Pager";
import { Loaded } from "../components/Status";
import { Time } from "../components/Time";
import { useTitle } from "../components/useTitle";
import { formatDuration } from "../labels/time";
import { Link, navigate, routes, useLocation } from "../router";

const pageSize = 20;

/** Recent runs reported by OpenLineage or event logs (docs/LINEAGE-API.md), newest first; all jobs or one. */
export function RunsPage() {
  const job = new URLSearchParams(useLocation().search).get("job") ?? "";
  const [draft, setDraft] = useState(job);
  useTitle(job ? `Runs of ${job}` : "Runs");
  return (
    <>
      <h1>Runs{job ? <> of {job}</> : null}</h1>
      <form
        className="search-row narrow"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(routes.runs(draft.trim() || undefined));
        }}
      >
        <label htmlFor="runs-job">Job</label>
        <input id="runs-job" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="all jobs" />
        <button type="submit">Show</button>
      </form>
      <RunsTable job={job || undefined} showJob={!job} />
    </>
  );
}

export function RunsTable({ job, showJob = false }: { job?: string; showJob?: boolean }) {
  const [page, setPage] = useState(1);
  const runs = useApi(`runs:${job ?? ""}:${page}`, (signal) =>
    api.get<Paged<Run>>(`/api/v1/lineage/runs${queryString({ job, limit: pageSize, page })}`, signal),
  );
  return (
    <Loaded value={runs} what="runs">
      {(found) =>
        found.data.length === 0 ? (
          <p className="empty" role="status">
            No runs reported.
          </p>
        ) : (
          <>
            <div className="table-scroll">
              <table className="runs">
                <thead>
                  <tr>
                    {showJob ? <th scope="col">Job</th> : null}
                    <th scope="col">State</th>
                    <th scope="col">Started</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Error</th>
                    <th scope="col">Run id</th>
                  </tr>
                </thead>
                <tbody>
                  {found.data.map((run) => (
                    <tr key={run.runId}>
                      {showJob ? (
                        <td>
                          <Link href={routes.asset(run.job)}>{run.job}</Link>
                        </td>
                      ) : null}
                      <td>
                        <span className={`badge state-${run.state.toLowerCase()}`}>{run.state}</span>
                      </td>
                      <td>
                        <Time value={run.startedAt} />
                      </td>
                      <td>{typeof run.durationMs === "number" ? formatDuration(run.durationMs) : <span className="muted">running</span>}</td>
                      <td className="run-error">{run.errorMessage ? <pre>{run.errorMessage}</pre> : null}</td>
                      <td>
                        <code className="small">{run.runId}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager pagination={found.pagination} onPage={setPage} label="Run pages" />
          </>
        )
      }
    </Loaded>
  );
}
