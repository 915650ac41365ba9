import { formatTime } from "../labels/time";
import { ticks, type MetricChart } from "./series";

const width = 640;
const height = 240;
const margin = { top: 12, right: 44, bottom: 42, left: 64 };
// Distinguishable colours (Okabe–Ito) plus dash patterns, so more than eight lines stay apart.
const colours = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#6f6f00", "#000000"];
const dashes = ["", "6 3", "2 3"];

const formatNumber = (n: number) => (Math.abs(n) >= 1e6 || (Math.abs(n) < 1e-3 && n !== 0) ? n.toExponential(2) : String(Number(n.toPrecision(6))));
const formatDate = (ms: number) => formatTime(ms).slice(0, 10);

/** One metric over time: a line per column, x = the Deequ result's dataSetDate. */
export function LineChart({ chart }: { chart: MetricChart }) {
  const points = chart.series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  let [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  let [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  if (xMin === xMax) [xMin, xMax] = [xMin - 86_400_000, xMax + 86_400_000];
  if (yMin === yMax) [yMin, yMax] = [yMin - (Math.abs(yMin) || 1) / 2, yMax + (Math.abs(yMax) || 1) / 2];
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (v: number) => margin.left + ((v - xMin) / (xMax - xMin)) * plotWidth;
  const y = (v: number) => margin.top + plotHeight - ((v - yMin) / (yMax - yMin)) * plotHeight;
  const dates = [...new Set(xs)].sort((a, b) => a - b);
  const xTicks = dates.length <= 6 ? dates : dates.filter((_, i) => i % Math.ceil(dates.length / 6) === 0);
  const style = (i: number) => ({ stroke: colours[i % colours.length], dash: dashes[Math.floor(i / colours.length) % dashes.length] });

  return (
    <figure className="chart" data-metric={chart.metric}>
      <figcaption>{chart.metric}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${chart.metric} over time: ${chart.series.length} line${chart.series.length === 1 ? "" : "s"} (${chart.series.map((s) => s.label).join(", ")}), ${dates.length} dates`}
        data-series={chart.series.length}
      >
        <g className="axis">
          {ticks(yMin, yMax, 4).map((t) => (
            <g key={t}>
              <line x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} className="grid" />
              <text x={margin.left - 6} y={y(t) + 4} textAnchor="end">
                {formatNumber(t)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <text key={t} x={x(t)} y={height - margin.bottom + 18} textAnchor={t === xMin ? "start" : t === xMax ? "end" : "middle"}>
              {formatDate(t)}
            </text>
          ))}
          <text x={margin.left + plotWidth / 2} y={height - 4} textAnchor="middle" className="axis-title">
            dataSetDate (UTC)
          </text>
        </g>
        {chart.series.map((series, i) => {
          const { stroke, dash } = style(i);
          return (
            <g key={series.label} className="series" data-label={series.label} data-points={series.points.length}>
              <polyline points={series.points.map((p) => `${x(p.x)},${y(p.y)}`).join(" ")} fill="none" stroke={stroke} strokeWidth={2} strokeDasharray={dash} />
              {series.points.map((p) => (
                <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={3.5} fill={stroke}>
                  <title>{`${series.label} · ${formatTime(p.x)}: ${formatNumber(p.y)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <ul className="legend">
        {chart.series.map((series, i) => {
          const { stroke, dash } = style(i);
          return (
            <li key={series.label}>
              <svg width="24" height="10" aria-hidden="true">
                <line x1="0" x2="24" y1="5" y2="5" stroke={stroke} strokeWidth={3} strokeDasharray={dash} />
              </svg>
              {series.label}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
