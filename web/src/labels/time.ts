// Times are shown in UTC with minutes, the same for everyone who shares a link; the exact value is in the title.

/** Go's and .NET's zero time (an unset timestamp) is not a date to show. */
export function isSetTime(value: string | null | undefined): value is string {
  if (!value) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).getUTCFullYear() > 1;
}

export function formatTime(value: string | number): string {
  const date = new Date(value);
  if (!Number.isFinite(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function relativeTime(value: string, now: number = Date.now()): string {
  const seconds = Math.round((now - Date.parse(value)) / 1000);
  const units: [number, string][] = [[86400 * 365, "year"], [86400 * 30, "month"], [86400, "day"], [3600, "hour"], [60, "minute"]];
  for (const [size, unit] of units) {
    const n = Math.floor(Math.abs(seconds) / size);
    if (n >= 1) return seconds >= 0 ? `${n} ${unit}${n > 1 ? "s" : ""} ago` : `in ${n} ${unit}${n > 1 ? "s" : ""}`;
  }
  return "just now";
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
