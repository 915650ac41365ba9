// Turns Deequ AnalysisResults (each: one dataSetDate, many metrics) into time series for charts:
// one chart per metric name (Completeness, Size…), one line per column (metric instance), x = dataSetDate.

import type { MetricSet } from "../api/types";

export interface Point {
  /** dataSetDate, epoch milliseconds. */
  x: number;
  y: number;
}

export interface Series {
  /** The column (Deequ's metric `instance`), or "dataset" for dataset-wide metrics (instance `*`). */
  label: string;
  points: Point[];
}

export interface MetricChart {
  metric: string;
  series: Series[];
}

export interface MetricRow {
  date: number | undefined;
  metric: string;
  entity: string;
  instance: string;
  value: unknown;
  version: string;
}

/** Every metric value of every set, as flat rows (also the non-numeric ones, e.g. histograms). */
export function metricRows(sets: MetricSet[]): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const set of sets)
    for (const result of set.metrics ?? []) {
      const date = result.resultKey?.dataSetDate ?? undefined;
      for (const entry of result.analyzerContext?.metricMap ?? []) {
        const metric = entry.metric;
        if (!metric) continue;
        rows.push({
          date: typeof date === "number" ? date : undefined,
          metric: metric.name || metric.metricName || entry.analyzer?.analyzerName || "metric",
          entity: metric.entity ?? "",
          instance: metric.instance || entry.analyzer?.column || "*",
          value: metric.value,
          version: set.version,
        });
      }
    }
  return rows;
}

/** Charts of the numeric rows that have a date, points sorted by date; the latest value wins for a repeated date. */
export function metricCharts(rows: MetricRow[]): MetricChart[] {
  const charts = new Map<string, Map<string, Map<number, number>>>();
  for (const row of rows) {
    if (row.date === undefined || typeof row.value !== "number" || !Number.isFinite(row.value)) continue;
    const chart = charts.get(row.metric) ?? new Map<string, Map<number, number>>();
    charts.set(row.metric, chart);
    const series = chart.get(row.instance) ?? new Map<number, number>();
    chart.set(row.instance, series);
    series.set(row.date, row.value);
  }
  return [...charts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([metric, series]) => ({
      metric,
      series: [...series.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([instance, points]) => ({ label: instance === "*" ? "dataset" : instance, points: [...points.entries()].map(([x, y]) => ({ x, y })).sort((a, b) => a.x - b.x) })),
    }));
}

/** "Nice" axis ticks covering [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const result: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) result.push(Number(t.toPrecision(12)));
  return result;
}
