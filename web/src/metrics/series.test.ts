import { describe, expect, it } from "vitest";
import type { MetricSet } from "../api/types";
import { metricCharts, metricRows, ticks } from "./series";

const result = (date: number, entries: [string, string, unknown][]) => ({
  resultKey: { dataSetDate: date, tags: {} },
  analyzerContext: {
    metricMap: entries.map(([name, instance, value]) => ({
      analyzer: { analyzerName: name, column: instance },
      metric: { metricName: "DoubleMetric", entity: instance === "*" ? "Dataset" : "Column", instance, name, value },
    })),
  },
});

const sets: MetricSet[] = [
  { name: "orders", version: "v2", metrics: [result(2000, [["Completeness", "id", 1], ["Completeness", "email", 0.5], ["Size", "*", 12]])] },
  { name: "orders", version: "v1", metrics: [result(1000, [["Completeness", "id", 0.9], ["Histogram", "id", { bins: 3 }]])] },
];

describe("metric series", () => {
  it("flattens every metric value", () => {
    expect(metricRows(sets)).toHaveLength(5);
  });
  it("charts numeric values: one chart per metric, one line per column, sorted by date", () => {
    const charts = metricCharts(metricRows(sets));
    expect(charts.map((c) => c.metric)).toEqual(["Completeness", "Size"]);
    expect(charts[0]!.series).toEqual([
      { label: "email", points: [{ x: 2000, y: 0.5 }] },
      { label: "id", points: [{ x: 1000, y: 0.9 }, { x: 2000, y: 1 }] },
    ]);
    expect(charts[1]!.series).toEqual([{ label: "dataset", points: [{ x: 2000, y: 12 }] }]);
  });
  it("skips results without a date and tolerates missing parts", () => {
    const odd: MetricSet = { name: "x", version: "1", metrics: [{ resultKey: null, analyzerContext: { metricMap: [{ metric: { name: "Size", value: 3 } }] } }, { analyzerContext: null }] };
    expect(metricRows([odd])).toEqual([{ date: undefined, metric: "Size", entity: "", instance: "*", value: 3, version: "1" }]);
    expect(metricCharts(metricRows([odd]))).toEqual([]);
  });
});

describe("ticks", () => {
  it("chooses round steps", () => {
    expect(ticks(0, 1, 4)).toEqual([0, 0.5, 1]);
    expect(ticks(0.93, 0.97, 4)).toEqual([0.93, 0.94, 0.95, 0.96, 0.97]);
    expect(ticks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(3, 3)).toEqual([3]);
  });
});
