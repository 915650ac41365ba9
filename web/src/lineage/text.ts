/** Shortens "s3://bucket/very/long/path/file.parquet" in the middle, where names of one graph differ least. */
export function middleEllipsis(text: string, max: number): string {
  const chars = [...text]; // code points, so surrogate pairs are never split
  if (chars.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (keep - head)).join("")}`;
}
