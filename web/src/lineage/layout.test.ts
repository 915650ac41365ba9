import { describe, expect, it } from "vitest";
import type { LineageGraph } from "../api/types";
import { layoutGraph, nodeHeight, nodeWidth } from "./layout";
import { middleEllipsis } from "./text";

/** A graph in the lineage API's shape from edges "a>b". */
function graph(ids: string[], edges: string[]): LineageGraph {
  const pairs = edges.map((e) => e.split(">") as [string, string]);
  return {
    graph: ids.map((id) => ({
      id,
      type: "DATASET",
      data: { name: id, type: "table" },
      inEdges: pairs.filter(([, d]) => d === id).map(([origin, destination]) => ({ origin, destination })),
      outEdges: pairs.filter(([o]) => o === id).map(([origin, destination]) => ({ origin, destination })),
    })),
  };
}

const layerOf = (layout: ReturnType<typeof layoutGraph>) => Object.fromEntries(layout.nodes.map((n) => [n.id, n.layer]));

describe("layoutGraph", () => {
  it("puts each step of a chain in its own column, upstream left", () => {
    const layout = layoutGraph(graph(["c", "a", "b"], ["a>b", "b>c"]), "b");
    expect(layerOf(layout)).toEqual({ a: 0, b: 1, c: 2 });
    expect(layout.edges).toHaveLength(2);
  });
  it("places a source next to the node it feeds", () => {
    expect(layerOf(layoutGraph(graph(["a", "b", "c", "late"], ["a>b", "b>c", "late>c"]))).late).toBe(1);
  });
  it("terminates on cycles and still draws every edge", () => {
    const layout = layoutGraph(graph(["a", "b", "c"], ["a>b", "b>c", "c>a"]), "a");
    expect(layout.nodes).toHaveLength(3);
    expect(layout.edges).toHaveLength(3);
  });
  it("ignores duplicate, self and dangling edges", () => {
    const g = graph(["a", "b"], ["a>b", "a>a", "a>zz"]);
    g.graph[0]!.outEdges!.push({ origin: "a", destination: "b" });
    expect(layoutGraph(g).edges.map((e) => [e.origin, e.destination])).toEqual([["a", "b"]]);
  });
  it("lays out a long chain of several hundred nodes without overlaps", () => {
    const ids = Array.from({ length: 400 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => `n${i}>${id}`);
    const layout = layoutGraph(graph(ids, edges), "n200");
    expect(new Set(layout.nodes.map((n) => n.layer)).size).toBe(400);
  });
  it("never overlaps nodes in a wide fan-in", () => {
    const ids = ["sink", ...Array.from({ length: 150 }, (_, i) => `s${i}`)];
    const layout = layoutGraph(graph(ids, ids.slice(1).map((id) => `${id}>sink`)), "sink");
    const boxes = layout.nodes.map((n) => `${n.x},${n.y}`);
    expect(new Set(boxes).size).toBe(151);
    for (const a of layout.nodes)
      for (const b of layout.nodes)
        if (a !== b && a.x === b.x) expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(nodeHeight);
    expect(layout.width).toBeGreaterThanOrEqual(nodeWidth);
  });
  it("orders layers so that a tree has no crossing edges", () => {
    // A fan-in tree (8 leaves → 4 → 2 → root) whose leaves come in a scrambled order.
    const leaves = [5, 2, 7, 0, 3, 6, 1, 4].map((i) => `l${i}`);
    const edges = [
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `l${i}>m${i >> 1}`),
      ...[0, 1, 2, 3].map((i) => `m${i}>n${i >> 1}`),
      "n0>root",
      "n1>root",
    ];
    const layout = layoutGraph(graph([...leaves, "m3", "m1", "m0", "m2", "n1", "n0", "root"], edges));
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    let crossings = 0;
    for (const a of layout.edges)
      for (const b of layout.edges) {
        const [a1, a2, b1, b2] = [at.get(a.origin)!, at.get(a.destination)!, at.get(b.origin)!, at.get(b.destination)!];
        if (a1.layer === b1.layer && a2.layer === b2.layer && (a1.y - b1.y) * (a2.y - b2.y) < 0) crossings++;
      }
    expect(crossings).toBe(0);
  });
});

describe("middleEllipsis", () => {
  it("keeps both ends", () => {
    expect(middleEllipsis("s3://bucket/very/long/path/file.parquet", 20)).toBe("s3://bucke…e.parquet");
    expect(middleEllipsis("short", 20)).toBe("short");
  });
  it("never splits a surrogate pair", () => {
    expect(middleEllipsis("😀".repeat(30), 5)).toBe("😀😀…😀😀");
  });
});
