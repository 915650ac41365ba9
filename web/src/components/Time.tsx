import { formatTime, isSetTime, relativeTime } from "../labels/time";

/** A timestamp as "3 days ago", with the exact UTC time on hover and for assistive technology. */
export function Time({ value, relative = false }: { value: string | null | undefined; relative?: boolean }) {
  if (!isSetTime(value)) return <span className="muted">never</span>;
  return (
    <time dateTime={value} title={formatTime(value)}>
      {relative ? relativeTime(value) : formatTime(value)}
    </time>
  );
}
