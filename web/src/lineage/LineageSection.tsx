import { useState } from "react";
import { api, encodeName, queryString } from "../api/client";
import type { LineageGraph as Graph } from "../api/types";
import { useApi } from "../api/useApi";
import { Loaded } from "../components/Status";
import { Link, routes } from "../router";
import { LineageGraph } from "./LineageGraph";

const directions = ["both", "upstream", "downstream"] as const;
const depths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** The asset's lineage (docs/LINEAGE-API.md) as an interactive graph, with direction and depth controls. */
export function LineageSection({ name }: { name: string }) {
  const [direction, setDirection] = useState<(typeof directions)[number]>("both");
  const [depth, setDepth] = useState(3);
  const graph = useApi(`lineage:${name}:${direction}:${depth}`, (signal) =>
    api.get<Graph>(`/asset/name/${encodeName(name)}/lineage${queryString({ direction, depth })}`, signal),
  );
  return (
    <section aria-labelledby="lineage-title" className="lineage">
      <div className="section-head">
        <h2 id="lineage-title">Lineage</h2>
        <div className="controls">
          <label className="inline">
            Direction{" "}
            <select value={direction} onChange={(e) => setDirection(e.target.value as (typeof directions)[number])}>
              {directions.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            Depth{" "}
            <select value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
              {depths.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <Loaded value={graph} what="lineage">
        {(found) =>
          found.graph.length <= 1 ? (
            <p className="muted">No known upstream or downstream assets.</p>
          ) : (
            <>
              <LineageGraph graph={found} focus={name} />
              <details className="lineage-list">
                <summary>Lineage as a list ({found.graph.length} nodes)</summary>
                <ul>
                  {found.graph.map((node) => (
                    <li key={node.id}>
                      <Link href={routes.asset(node.id)}>{node.id}</Link>{" "}
                      <span className="muted">
                        {node.data?.type || "not catalogued"}; inputs: {(node.inEdges ?? []).length}, outputs: {(node.outEdges ?? []).length}
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
