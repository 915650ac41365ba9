import { useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from "react";
import type { LineageGraph as Graph, LineageNode } from "../api/types";
import { isPlainClick, navigate, routes } from "../router";
import { layoutGraph, nodeHeight, nodeWidth } from "./layout";
import { middleEllipsis } from "./text";

const zoomSteps = [0.1, 0.15, 0.25, 0.35, 0.5, 0.7, 0.85, 1, 1.25, 1.5];
const labelChars = 27;
/** Space around the drawing, in graph units. */
const pad = 20;

/**
 * The graph as SVG in a scrollable viewport: data flows left to right, the current asset is highlighted and
 * scrolled into view, nodes are links (Tab to reach them, Enter to open), zoom buttons and drag-to-pan keep
 * large graphs (100+ nodes) navigable, and "Find" highlights nodes by name.
 */
export function LineageGraph({ graph, focus }: { graph: Graph; focus: string }) {
  const layout = useMemo(() => layoutGraph(graph, focus), [graph, focus]);
  const nodesById = useMemo(() => new Map(graph.graph.map((n) => [n.id, n])), [graph]);
  const [zoom, setZoom] = useState(1);
  const [active, setActive] = useState<string>();
  const [find, setFind] = useState("");
  const viewport = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number }>(undefined);
  /** The graph point (unzoomed) at the viewport's centre before a zoom, kept there after it. */
  const zoomAround = useRef<{ x: number; y: number }>(undefined);
  const nextMatch = useRef(0);

  const needle = find.trim().toLowerCase();
  const matchList = useMemo(() => (needle ? layout.nodes.filter((n) => n.id.toLowerCase().includes(needle)).map((n) => n.id) : []), [layout, needle]);
  const matches = useMemo(() => new Set(matchList), [matchList]);

  const scrollTo = (id: string, behavior: ScrollBehavior = "auto") => {
    const node = layout.nodes.find((n) => n.id === id);
    const element = viewport.current;
    if (!node || !element) return;
    element.scrollTo({
      left: (node.x + pad + nodeWidth / 2) * zoom - element.clientWidth / 2,
      top: (node.y + pad + nodeHeight / 2) * zoom - element.clientHeight / 2,
      behavior,
    });
  };
  // A new graph starts centred on the current asset.
  useLayoutEffect(() => scrollTo(focus), [layout]);
  // A zoom keeps what was in the middle of the viewport there.
  useLayoutEffect(() => {
    const element = viewport.current;
    const centre = zoomAround.current;
    if (!element || !centre) return;
    element.scrollTo({ left: (centre.x + pad) * zoom - element.clientWidth / 2, top: (centre.y + pad) * zoom - element.clientHeight / 2 });
    zoomAround.current = undefined;
  }, [zoom]);

  const zoomTo = (next: number) => {
    const element = viewport.current;
    if (element)
      zoomAround.current = {
        x: (element.scrollLeft + element.clientWidth / 2) / zoom - pad,
        y: (element.scrollTop + element.clientHeight / 2) / zoom - pad,
      };
    setZoom(next);
  };
  const fit = () => {
    const element = viewport.current;
    if (!element) return;
    const scale = Math.min(element.clientWidth / (layout.width + 2 * pad), element.clientHeight / (layout.height + 2 * pad), 1);
    zoomTo(zoomSteps.filter((z) => z <= scale).at(-1) ?? zoomSteps[0]!);
  };
  const step = (direction: 1 | -1) => {
    const index = zoomSteps.findIndex((z) => z >= zoom);
    zoomTo(zoomSteps[Math.min(zoomSteps.length - 1, Math.max(0, (index < 0 ? zoomSteps.length - 1 : index) + direction))]!);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if ((event.target as Element).closest("a") || event.button !== 0 || !viewport.current) return;
    drag.current = { x: event.clientX, y: event.clientY, left: viewport.current.scrollLeft, top: viewport.current.scrollTop };
    viewport.current.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current || !viewport.current) return;
    viewport.current.scrollLeft = drag.current.left - (event.clientX - drag.current.x);
    viewport.current.scrollTop = drag.current.top - (event.clientY - drag.current.y);
  };
  const endDrag = () => (drag.current = undefined);

  const highlighted = (origin: string, destination: string) => active !== undefined && (origin === active || destination === active);

  return (
    <div className="graph">
      <div className="graph-toolbar" role="toolbar" aria-label="Lineage graph controls">
        <button type="button" onClick={() => step(-1)} aria-label="Zoom out">
          −
        </button>
        <span aria-live="polite" className="zoom">
          {Math.round(zoom * 100)}%
        </span>
        <button type="button" onClick={() => step(1)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={fit}>
          Fit
        </button>
        <button type="button" onClick={() => scrollTo(focus, "smooth")}>
          Center on this asset
        </button>
        <label className="inline">
          Find{" "}
          <input
            type="search"
            value={find}
            onChange={(e) => {
              setFind(e.target.value);
              nextMatch.current = 0;
            }}
            onKeyDown={(e) => {
              if (e.key !== "Enter" || matchList.length === 0) return;
              // Enter goes to the next match, round and round.
              e.preventDefault();
              scrollTo(matchList[nextMatch.current++ % matchList.length]!, "smooth");
            }}
            aria-describedby="graph-find-count"
          />
        </label>
        <span id="graph-find-count" className="muted" aria-live="polite">
          {needle ? `${matches.size} match${matches.size === 1 ? "" : "es"}` : `${layout.nodes.length} nodes, ${layout.edges.length} edges`}
        </span>
      </div>
      <div
        className="graph-viewport"
        ref={viewport}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <svg
          width={(layout.width + 2 * pad) * zoom}
          height={(layout.height + 2 * pad) * zoom}
          viewBox={`${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}`}
          role="group"
          aria-label={`Lineage of ${focus}: ${layout.nodes.length} assets, data flowing left to right`}
          data-nodes={layout.nodes.length}
          data-edges={layout.edges.length}
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
            </marker>
          </defs>
          <g className="edges">
            {layout.edges.map((edge) => (
              <path
                key={`${edge.origin}\u0000${edge.destination}`}
                d={edge.path}
                className={highlighted(edge.origin, edge.destination) ? "edge active" : "edge"}
                markerEnd="url(#arrow)"
                data-origin={edge.origin}
                data-destination={edge.destination}
              />
            ))}
          </g>
          <g className="nodes">
            {layout.nodes.map((position) => (
              <GraphNode
                key={position.id}
                node={nodesById.get(position.id)!}
                x={position.x}
                y={position.y}
                isFocus={position.id === focus}
                isMatch={matches.has(position.id)}
                onActive={setActive}
              />
            ))}
          </g>
        </svg>
      </div>
    </div>
  );
}

function GraphNode(props: { node: LineageNode; x: number; y: number; isFocus: boolean; isMatch: boolean; onActive: (id: string | undefined) => void }) {
  const { node, x, y, isFocus, isMatch, onActive } = props;
  const type = node.data?.type ?? "";
  const kind = node.type === "JOB" ? "job" : "dataset";
  const classes = ["node", kind, isFocus ? "focus" : "", isMatch ? "match" : "", type === "" ? "missing" : ""].filter(Boolean).join(" ");
  const href = routes.asset(node.id);
  return (
    <a
      href={href}
      className={classes}
      data-id={node.id}
      aria-label={`${node.id} (${type || "not catalogued"})${isFocus ? ", this asset" : ""}`}
      aria-current={isFocus ? "page" : undefined}
      onClick={(event) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(href);
      }}
      onMouseEnter={() => onActive(node.id)}
      onMouseLeave={() => onActive(undefined)}
      onFocus={() => onActive(node.id)}
      onBlur={() => onActive(undefined)}
    >
      <title>{`${node.id}${type ? ` — ${type}` : " — not in the catalogue"}`}</title>
      <rect x={x} y={y} width={nodeWidth} height={nodeHeight} rx={kind === "job" ? 4 : 12} />
      <text x={x + 10} y={y + 18} className="node-name">
        {middleEllipsis(node.id, labelChars)}
      </text>
      <text x={x + 10} y={y + 35} className="node-type">
        {node.type === "JOB" ? "job · " : ""}
        {type || "not catalogued"}
      </text>
    </a>
  );
}
