// Crawlers label an asset they no longer find with `stale` = {"last-seen-at", "crawler"}.

export interface StaleInfo {
  lastSeenAt?: string;
  crawler?: string;
}

export function staleInfo(labels: Record<string, unknown> | null | undefined): StaleInfo | undefined {
  const stale = labels?.stale;
  if (stale === undefined || stale === null || stale === false) return undefined;
  if (typeof stale !== "object" || Array.isArray(stale)) return {};
  const record = stale as Record<string, unknown>;
  return {
    lastSeenAt: typeof record["last-seen-at"] === "string" ? record["last-seen-at"] : undefined,
    crawler: typeof record.crawler === "string" ? record.crawler : undefined,
  };
}
