// Same-origin calls to the Mastro HTTP API (docs/API.md). Every failure becomes an ApiError whose
// message is what a person can act on: the server's error body `message` when there is one.

import { authSession, type AuthSession } from "./auth";

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

/** How a request goes out: the browser's fetch, or a stand-in server in unit tests. */
export type Send = (path: string, init: RequestInit) => Promise<Response>;

/**
 * The API on `session`'s token: each request carries `Authorization: Bearer <token>` when one is stored. A 401 (or a
 * 403 for a token just entered) opens the sign-in prompt and the request waits for a token, then goes again.
 */
export function createApi(session: AuthSession, send: Send) {
  async function request<T>(method: string, path: string, body: Json | undefined, signal?: AbortSignal): Promise<T> {
    for (;;) {
      const token = session.token();
      const response = await sendOnce(send, method, path, body, token, signal);
      const text = await response.text();
      if (response.status === 401 || (response.status === 403 && session.isUnconfirmed(token))) {
        await session.refused(refusal(response.status, serverMessage(text)), token, signal);
        continue;
      }
      if (response.status === 403) throw new ApiError(refusal(403, serverMessage(text)), response.status);
      session.accepted(token);
      if (!response.ok) throw new ApiError(errorMessage(response.status, response.statusText, text), response.status);
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError(`${method} ${path} answered ${response.status} with a body that is not JSON`, response.status);
      }
    }
  }

  return {
    get: <T>(path: string, signal?: AbortSignal) => request<T>("GET", path, undefined, signal),
    post: <T>(path: string, body: Json, signal?: AbortSignal) => request<T>("POST", path, body, signal),
  };
}

async function sendOnce(send: Send, method: string, path: string, body: Json | undefined, token: string | undefined, signal?: AbortSignal) {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  try {
    return await send(path, { method, signal, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(`The Mastro server could not be reached (${method} ${path}): ${String(e)}`, 0);
  }
}

/** What a 401 or 403 means to the person at the screen, with the server's reason. */
function refusal(status: 401 | 403, reason: string | undefined): string {
  const meaning = status === 401 ? "The server did not accept this token" : "Your token's role cannot do this";
  return reason ? `${meaning}: ${reason}` : `${meaning}.`;
}

/** The `message` of a Mastro error body, if the body is one. */
function serverMessage(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "message" in parsed && typeof parsed.message === "string" && parsed.message)
      return parsed.message;
  } catch {
    // Not JSON: a proxy's HTML page or plain text.
  }
  return undefined;
}

/** "404 Not Found: no asset named 'x'" from an error body; the raw text (shortened) when the body is not one. */
export function errorMessage(status: number, statusText: string, body: string): string {
  const prefix = `${status}${statusText ? ` ${statusText}` : ""}`;
  const message = serverMessage(body);
  if (message) return `${prefix}: ${message}`;
  const text = body.trim();
  return text ? `${prefix}: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}` : prefix;
}

export const api = createApi(authSession, (path, init) => fetch(path, init));

/** Encodes a name that fills the rest of an API path (names may contain "/", "?" or "#"). */
export const encodeName = (name: string) => encodeURIComponent(name);

export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}
