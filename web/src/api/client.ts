// Same-origin calls to the Mastro HTTP API (docs/API.md). Every failure becomes an ApiError whose
// message is what a person can act on: the server's error body `message` when there is one.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface Pagination {
  total: number;
  page: number;
  perPage: number;
  prev: number;
  next: number;
  totalPage: number;
}

export interface Paged<T> {
  data: T[];
  pagination: Pagination;
}

type Json = unknown;

async function request<T>(method: string, path: string, body: Json | undefined, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(`The Mastro server could not be reached (${method} ${path}): ${String(e)}`, 0);
  }
  const text = await response.text();
  if (!response.ok) throw new ApiError(errorMessage(response.status, response.statusText, text), response.status);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(`${method} ${path} answered ${response.status} with a body that is not JSON`, response.status);
  }
}

/** "404 Not Found: no asset named 'x'" from an error body; the raw text (shortened) when the body is not one. */
export function errorMessage(status: number, statusText: string, body: string): string {
  const prefix = `${status}${statusText ? ` ${statusText}` : ""}`;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "message" in parsed && typeof parsed.message === "string" && parsed.message)
      return `${prefix}: ${parsed.message}`;
  } catch {
    // Not JSON: a proxy's HTML page or plain text; show its start below.
  }
  const text = body.trim();
  return text ? `${prefix}: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}` : prefix;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>("GET", path, undefined, signal),
  post: <T>(path: string, body: Json, signal?: AbortSignal) => request<T>("POST", path, body, signal),
};

/** Encodes a name that fills the rest of an API path (names may contain "/", "?" or "#"). */
export const encodeName = (name: string) => encodeURIComponent(name);

export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}
