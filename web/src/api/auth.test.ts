import { describe, expect, it } from "vitest";
import { AuthSession, type TokenStorage } from "./auth";
import { ApiError, createApi, type Send } from "./client";

/** Web Storage kept in memory, as a browser tab's sessionStorage or localStorage would keep it. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const adminToken = "mastro_0123456789abcdef_admin-secret";
const viewToken = "mastro_fedcba9876543210_view-secret";

interface Sent {
  path: string;
  authorization: string | null;
}

/**
 * A server that answers like Mastro with tokens required: 401 with the error body without a known token,
 * 403 for the view token on the admin-only /audit, the asset page otherwise.
 */
function tokenServer() {
  const sent: Sent[] = [];
  const roles = new Map([
    [adminToken, "admin"],
    [viewToken, "view"],
  ]);
  const error = (status: number, error: string, message: string) =>
    new Response(JSON.stringify({ message, status, error }), { status, headers: { "WWW-Authenticate": "Bearer" } });
  const send: Send = async (path, init) => {
    const authorization = new Headers(init.headers).get("Authorization");
    sent.push({ path, authorization });
    const role = roles.get(authorization?.replace(/^Bearer /, "") ?? "");
    if (authorization === null) return error(401, "unauthorized", "a token is required");
    if (role === undefined) return error(401, "unauthorized", "the token is not valid (unknown, malformed or revoked)");
    if (path.startsWith("/audit") && role !== "admin") return error(403, "forbidden", `a token with role '${role}' may not GET /audit`);
    return new Response(JSON.stringify({ data: [], path }), { status: 200 });
  };
  return { send, sent };
}

function setUp(storage: TokenStorage = { session: new MemoryStorage(), local: new MemoryStorage() }) {
  const session = new AuthSession(storage);
  const server = tokenServer();
  return { session, storage, server, api: createApi(session, server.send) };
}

/** Lets pending promise callbacks (the stand-in server's answers) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the API client with a token", () => {
  it("sends the stored token as a bearer header and never in the URL", async () => {
    const session = new MemoryStorage();
    session.setItem("mastro.apiToken", adminToken);
    const { api, server } = setUp({ session, local: new MemoryStorage() });

    await expect(api.get("/assets/?limit=1")).resolves.toEqual({ data: [], path: "/assets/?limit=1" });
    expect(server.sent).toEqual([{ path: "/assets/?limit=1", authorization: `Bearer ${adminToken}` }]);
  });

  it("sends no header without a token", async () => {
    const { api, server, session } = setUp();
    void api.get("/assets/").catch(() => undefined);
    await settle();
    expect(server.sent).toEqual([{ path: "/assets/", authorization: null }]);
    expect(session.snapshot()).toMatchObject({ signedIn: false, prompt: { checking: false, error: undefined } });
  });
});

describe("a 401", () => {
  it("opens the prompt, and the request waits for a token and then goes again", async () => {
    const { api, server, session, storage } = setUp();
    const loading = api.get("/assets/");
    await settle();
    expect(session.snapshot().prompt).toEqual({ checking: false, error: undefined });

    session.signIn(`  ${adminToken}\n`, false);
    expect(session.snapshot()).toMatchObject({ signedIn: true, remembered: false, prompt: { checking: true } });
    await expect(loading).resolves.toMatchObject({ path: "/assets/" });
    expect(session.snapshot().prompt).toBeUndefined();
    expect(server.sent.map((s) => s.authorization)).toEqual([null, `Bearer ${adminToken}`]);
    expect(storage.session?.getItem("mastro.apiToken")).toBe(adminToken);
    expect(storage.local?.length).toBe(0);
  });

  it("for an entered token shows why, forgets it and keeps the request waiting for another", async () => {
    const { api, session, storage } = setUp();
    const loading = api.get("/assets/");
    await settle();
    session.signIn("mastro_wrong", false);
    await settle();
    expect(session.snapshot()).toMatchObject({
      signedIn: false,
      prompt: { checking: false, error: "The server did not accept this token: the token is not valid (unknown, malformed or revoked)" },
    });
    expect(storage.session?.length).toBe(0);

    session.signIn(adminToken, false);
    await expect(loading).resolves.toMatchObject({ path: "/assets/" });
    expect(session.snapshot().prompt).toBeUndefined();
  });

  it("for a stored token (revoked since) drops it and asks again", async () => {
    const local = new MemoryStorage();
    local.setItem("mastro.apiToken", "mastro_revoked");
    const { api, session } = setUp({ session: new MemoryStorage(), local });
    expect(session.snapshot()).toMatchObject({ signedIn: true, remembered: true });
    void api.get("/assets/").catch(() => undefined);
    await settle();
    expect(session.snapshot()).toMatchObject({ signedIn: false, prompt: { error: expect.stringContaining("did not accept") } });
    expect(local.length).toBe(0);
  });

  it("lets every waiting request go again after one sign-in", async () => {
    const { api, session } = setUp();
    const pages = [api.get("/asset/name/a"), api.post("/assets/search", { query: "a" }), api.get("/lineage/a")];
    await settle();
    session.signIn(adminToken, false);
    const answers = await Promise.all(pages);
    expect(answers.map((a) => (a as { path: string }).path)).toEqual(["/asset/name/a", "/assets/search", "/lineage/a"]);
  });

  it("stops waiting when the request is cancelled", async () => {
    const { api } = setUp();
    const controller = new AbortController();
    const loading = api.get("/assets/", controller.signal);
    await settle();
    controller.abort();
    await expect(loading).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("a 403", () => {
  it("for a token just entered is shown in the prompt as a role too weak", async () => {
    const { api, session } = setUp();
    const loading = api.get("/audit");
    await settle();
    session.signIn(viewToken, false);
    await settle();
    expect(session.snapshot().prompt?.error).toBe("Your token's role cannot do this: a token with role 'view' may not GET /audit");

    session.signIn(adminToken, false);
    await expect(loading).resolves.toMatchObject({ path: "/audit" });
  });

  it("for a token that already worked is the page's error", async () => {
    const { api, session } = setUp();
    const loading = api.get("/assets/");
    await settle();
    session.signIn(viewToken, false);
    await loading;

    const refused = await api.get("/audit").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, message: "Your token's role cannot do this: a token with role 'view' may not GET /audit" });
    expect(session.snapshot()).toMatchObject({ signedIn: true, prompt: undefined });
  });
});

describe("signing in and out", () => {
  it("keeps the token per tab by default and on the device only when asked", () => {
    const { session, storage } = setUp();
    session.signIn(adminToken, true);
    expect(storage.local?.getItem("mastro.apiToken")).toBe(adminToken);
    expect(storage.session?.length).toBe(0);
    expect(new AuthSession(storage).snapshot()).toMatchObject({ signedIn: true, remembered: true });

    session.signIn(viewToken, false);
    expect(storage.session?.getItem("mastro.apiToken")).toBe(viewToken);
    expect(storage.local?.length).toBe(0);
  });

  it("sign-out forgets the token everywhere and tells pages to reload", async () => {
    const { api, session, storage, server } = setUp();
    session.signIn(adminToken, true);
    const before = session.snapshot().epoch;

    session.signOut();
    expect(session.snapshot()).toMatchObject({ signedIn: false, remembered: false, epoch: before + 1 });
    expect([storage.session?.length, storage.local?.length]).toEqual([0, 0]);
    expect(session.token()).toBeUndefined();
    void api.get("/assets/").catch(() => undefined);
    await settle();
    expect(server.sent.at(-1)?.authorization).toBeNull();
    expect(session.snapshot().prompt).toBeDefined();
  });

  it("refuses what cannot be a token without storing it", () => {
    const { session, storage } = setUp();
    session.signIn("   ", false);
    expect(session.snapshot().prompt?.error).toBe("Enter a token.");
    session.signIn("mastro_abc def", false);
    expect(session.snapshot().prompt?.error).toMatch(/^That is not a token/);
    session.signIn("mastro_jürg", false);
    expect(session.snapshot()).toMatchObject({ signedIn: false, prompt: { error: expect.stringMatching(/^That is not a token/) } });
    expect([storage.session?.length, storage.local?.length]).toEqual([0, 0]);
  });

  it("still works for this page when the browser refuses storage", async () => {
    const refusing = new MemoryStorage();
    refusing.setItem = () => {
      throw new DOMException("storage is disabled", "SecurityError");
    };
    const { api, session, server } = setUp({ session: refusing, local: refusing });
    const loading = api.get("/assets/");
    await settle();
    session.signIn(adminToken, false);
    await expect(loading).resolves.toBeDefined();
    expect(server.sent.at(-1)?.authorization).toBe(`Bearer ${adminToken}`);
  });
});
