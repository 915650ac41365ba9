// A layered ("Sugiyama") layout for lineage graphs: data flows left to right, one column per step, and the
// order inside a column is chosen so that edges cross little. Plain code rather than a graph library:
// lineage graphs are DAGs of at most a few thousand nodes, and the output must be deterministic.

import type { LineageGraph } from "../api/types";

export interface LayoutNode {
  id: string;
  layer: number;
  x: number;
  y: number;
}

export interface LayoutEdge {
  origin: string;
  destination: string;
  /** SVG path from the origin's right side to the destination's left side. */
  path: string;
}

export interface Layout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
}

export const nodeWidth = 200;
export const nodeHeight = 44;
const columnGap = 80;
const rowGap = 14;
const orderingSweeps = 6;

/** Unique edges between nodes of the graph, from both edge lists of every node. */
export function graphEdges(graph: LineageGraph): { ids: string[]; edges: [string, string][] } {
  const ids = [...new Set(graph.graph.map((n) => n.id))];
  const known = new Set(ids);
  const seen = new Set<string>();
  const edges: [string, string][] = [];
  for (const node of graph.graph)
    for (const edge of [...(node.inEdges ?? []), ...(node.outEdges ?? [])]) {
      const key = JSON.stringify([edge.origin, edge.destination]);
      if (seen.has(key) || !known.has(edge.origin) || !known.has(edge.destination) || edge.origin === edge.destination) continue;
      seen.add(key);
      edges.push([edge.origin, edge.destination]);
    }
  return { ids, edges };
}

/** Edges that close a cycle (found by depth-first search from `first`, then every other node); they are drawn but ignored for layering. */
function backEdges(ids: string[], successors: Map<string, string[]>, first: string | undefined): Set<string> {
  const state = new Map<string, "open" | "done">();
  const back = new Set<string>();
  const roots = first !== undefined && successors.has(first) ? [first, ...ids] : ids;
  for (const root of roots) {
    if (state.has(root)) continue;
    // Iterative DFS: graphs of hundreds of nodes in a chain must not overflow the call stack.
    const stack: [string, number][] = [[root, 0]];
    state.set(root, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = successors.get(top[0])![top[1]++];
      if (next === undefined) {
        state.set(top[0], "done");
        stack.pop();
      } else if (state.get(next) === "open") back.add(`${top[0]}\u0000${next}`);
      else if (!state.has(next)) {
        state.set(next, "open");
        stack.push([next, 0]);
      }
    }
  }
  return back;
}

function topologicalOrder(ids: string[], successors: Map<string, string[]>, predecessors: Map<string, string[]>): string[] {
  const remaining = new Map(ids.map((id) => [id, predecessors.get(id)!.length]));
  const queue = ids.filter((id) => remaining.get(id) === 0);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    for (const next of successors.get(id)!) {
      const left = remaining.get(next)! - 1;
      remaining.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  return order;
}

export function layoutGraph(graph: LineageGraph, focus?: string): Layout {
  const { ids, edges } = graphEdges(graph);
  const all = new Map(ids.map((id) => [id, [] as string[]]));
  for (const [origin, destination] of edges) all.get(origin)!.push(destination);
  const back = backEdges(ids, all, focus);
  const forward = edges.filter(([o, d]) => !back.has(`${o}\u0000${d}`));

  const successors = new Map(ids.map((id) => [id, [] as string[]]));
  const predecessors = new Map(ids.map((id) => [id, [] as string[]]));
  for (const [origin, destination] of forward) {
    successors.get(origin)!.push(destination);
    predecessors.get(destination)!.push(origin);
  }
  const order = topologicalOrder(ids, successors, predecessors);

  // Longest path from the sources, then each node with outputs moves right next to its nearest output,
  // so that a source feeding only a deep node does not sit far left with a long edge.
  const layer = new Map<string, number>();
  for (const id of order) layer.set(id, Math.max(0, ...predecessors.get(id)!.map((p) => layer.get(p)! + 1)));
  for (const id of [...order].reverse()) {
    const next = successors.get(id)!;
    if (next.length > 0) layer.set(id, Math.min(...next.map((s) => layer.get(s)!)) - 1);
  }
  const lowest = Math.min(0, ...layer.values());
  const layers: string[][] = [];
  for (const id of order) (layers[layer.get(id)! - lowest] ??= []).push(id);
  for (let i = 0; i < layers.length; i++) layers[i] ??= [];

  orderWithinLayers(layers, successors, predecessors);

  const tallest = Math.max(1, ...layers.map((l) => l.length));
  const height = tallest * (nodeHeight + rowGap) - rowGap;
  const nodes: LayoutNode[] = [];
  const position = new Map<string, LayoutNode>();
  layers.forEach((ids, index) => {
    const top = (height - (ids.length * (nodeHeight + rowGap) - rowGap)) / 2;
    ids.forEach((id, row) => {
      const node = { id, layer: index, x: index * (nodeWidth + columnGap), y: top + row * (nodeHeight + rowGap) };
      nodes.push(node);
      position.set(id, node);
    });
  });
  const width = Math.max(nodeWidth, layers.length * (nodeWidth + columnGap) - columnGap);
  return {
    nodes,
    edges: edges.map(([origin, destination]) => ({ origin, destination, path: edgePath(position.get(origin)!, position.get(destination)!) })),
    width,
    height,
  };
}

/** Barycentre heuristic: alternately sort each layer by the mean position of its neighbours in the previous/next layer. */
function orderWithinLayers(layers: string[][], successors: Map<string, string[]>, predecessors: Map<string, string[]>) {
  const index = new Map<string, number>();
  const reindex = (layer: string[]) => layer.forEach((id, i) => index.set(id, i));
  layers.forEach(reindex);
  const sortBy = (layer: string[], neighbours: Map<string, string[]>) => {
    const weight = new Map(
      layer.map((id, i) => {
        const positions = neighbours.get(id)!.map((n) => index.get(n)!);
        return [id, positions.length > 0 ? positions.reduce((a, b) => a + b, 0) / positions.length : i];
      }),
    );
    layer.sort((a, b) => weight.get(a)! - weight.get(b)! || index.get(a)! - index.get(b)!);
    reindex(layer);
  };
  for (let sweep = 0; sweep < orderingSweeps; sweep++) {
    if (sweep % 2 === 0) for (let i = 1; i < layers.length; i++) sortBy(layers[i]!, predecessors);
    else for (let i = layers.length - 2; i >= 0; i--) sortBy(layers[i]!, successors);
  }
}

function edgePath(from: LayoutNode, to: LayoutNode): string {
  const x1 = from.x + nodeWidth;
  const y1 = from.y + nodeHeight / 2;
  const x2 = to.x;
  const y2 = to.y + nodeHeight / 2;
  // Backward edges (cycles) bend out and come back, so they do not run through the nodes in between.
  const bend = x2 > x1 ? (x2 - x1) / 2 : columnGap + (x1 - x2) / 4;
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}
