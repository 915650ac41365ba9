export function TypeBadge({ type }: { type: string }) {
  return <span className={`badge type-${/^[a-z]+$/.test(type) ? type : "other"}`}>{type || "unknown"}</span>;
}
