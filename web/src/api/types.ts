// Shapes of the API's JSON (docs/API.md, docs/LINEAGE-API.md). Fields a client might omit or send as
// null are typed optional: the UI must render whatever the API accepted.

export interface Asset {
  name: string;
  type: string;
  description?: string | null;
  "last-discovered-at"?: string | null;
  "published-on"?: string | null;
  "depends-on"?: string[] | null;
  labels?: Record<string, unknown> | null;
  tags?: string[] | null;
  versions?: Record<string, unknown> | null;
}

export const assetTypes = [
  "database", "dataset", "embedding", "featureset", "model", "notebook", "pipeline",
  "report", "service", "stream", "table", "user", "workflow",
] as const;

export interface Feature {
  name: string;
  value: unknown;
  data_type?: string | null;
}

export interface VersionedSetHeader {
  name: string;
  version: string;
  inserted_at?: string | null;
  description?: string | null;
  labels?: Record<string, string> | null;
}

export interface FeatureSet extends VersionedSetHeader {
  features?: Feature[] | null;
}

export interface DeequMetric {
  resultKey?: { dataSetDate?: number | null; tags?: Record<string, string> | null } | null;
  analyzerContext?: {
    metricMap?: Array<{
      analyzer?: { analyzerName?: string | null; column?: string | null } | null;
      metric?: { metricName?: string; entity?: string; instance?: string; name?: string; value?: unknown } | null;
    }> | null;
  } | null;
}

export interface MetricSet extends VersionedSetHeader {
  metrics?: DeequMetric[] | null;
}

export interface LineageNode {
  id: string;
  type: "DATASET" | "JOB" | string;
  data?: { name?: string; type?: string; description?: string; tags?: string[] | null; "last-discovered-at"?: string | null } | null;
  inEdges?: LineageEdge[] | null;
  outEdges?: LineageEdge[] | null;
}

export interface LineageEdge {
  origin: string;
  destination: string;
}

export interface LineageGraph {
  graph: LineageNode[];
}

export interface Run {
  runId: string;
  job: string;
  state: string;
  startedAt?: string | null;
  endedAt?: string | null;
  durationMs?: number | null;
  errorMessage?: string | null;
  eventCount?: number | null;
}
