// The API token the UI sends as `Authorization: Bearer <token>` (docs/SECURITY.md), and the sign-in prompt
// shown when the server asks for one. The token lives in Web Storage only: never in a URL, in React state that
// renders it, or in a log line.

const storageKey = "mastro.apiToken";

/** Where tokens are kept: per tab (the default) and per device ("remember"). Absent when the browser refuses storage. */
export interface TokenStorage {
  session?: Storage;
  local?: Storage;
}

export interface SignInPrompt {
  /** Why the last token did not do; undefined when the server merely asked for one. */
  error?: string;
  /** A token was entered and the requests waiting for it are being retried. */
  checking: boolean;
}

export interface AuthState {
  signedIn: boolean;
  remembered: boolean;
  prompt?: SignInPrompt;
  /** Grows with every sign-out, so pages drop and reload what they showed with the token. */
  epoch: number;
}

// What a header may carry (visible ASCII); anything else would make fetch throw before sending.
const tokenShape = /^[\x21-\x7e]+$/;

export class AuthSession {
  private current: string | undefined;
  /** A token entered in the prompt that no answer has confirmed yet: a 403 for it means the wrong token, not a page error. */
  private unconfirmed: string | undefined;
  private state: AuthState;
  private readonly listeners = new Set<() => void>();
  private readonly waiting = new Set<() => void>();

  constructor(private readonly storage: TokenStorage) {
    const session = read(storage.session);
    this.current = session ?? read(storage.local);
    this.state = { signedIn: this.current !== undefined, remembered: session === undefined && this.current !== undefined, epoch: 0 };
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly snapshot = (): AuthState => this.state;

  /** The token to send, if any. */
  token(): string | undefined {
    return this.current;
  }

  /** Stores a token entered in the prompt and retries the requests that wait for one. */
  signIn(input: string, remember: boolean): void {
    const token = input.trim();
    if (!token) return this.ask("Enter a token.");
    if (!tokenShape.test(token))
      return this.ask("That is not a token: a token is one word of letters, digits and punctuation (mastro_…), without spaces.");
    forget(this.storage);
    write(remember ? this.storage.local : this.storage.session, token);
    this.current = token;
    this.unconfirmed = token;
    // With no request waiting (all were cancelled by navigation) there is nothing to check it with now: the next request will.
    const prompt = this.waiting.size > 0 ? { checking: true } : undefined;
    this.update({ signedIn: true, remembered: remember, prompt });
    const resume = [...this.waiting];
    this.waiting.clear();
    resume.forEach((wake) => wake());
  }

  /** Forgets the token on this device and has pages reload, so nothing read with it stays on screen. */
  signOut(): void {
    forget(this.storage);
    this.current = undefined;
    this.unconfirmed = undefined;
    this.update({ signedIn: false, remembered: false, prompt: undefined, epoch: this.state.epoch + 1 });
  }

  /** Whether a 403 for a request sent with `token` should be shown in the prompt (the token was just entered there). */
  isUnconfirmed(token: string | undefined): boolean {
    return token !== undefined && token === this.unconfirmed;
  }

  /** The server answered a request sent with `token` with something other than 401 or 403: the token is good. */
  accepted(token: string | undefined): void {
    if (token === undefined || token !== this.unconfirmed) return;
    this.unconfirmed = undefined;
    if (this.state.prompt) this.update({ prompt: undefined });
  }

  /**
   * The server refused a request sent with `sentWith` (`reason` says why, for the prompt). Resolves when the request should be sent
   * again: at once if another token has been entered meanwhile, otherwise once one is. Rejects when `signal` aborts.
   */
  refused(reason: string, sentWith: string | undefined, signal?: AbortSignal): Promise<void> {
    if (sentWith !== this.current) return Promise.resolve();
    if (sentWith === undefined) this.ask(this.state.prompt?.error);
    else {
      // The token is no good for this UI: drop it, so a reload does not send it again.
      forget(this.storage);
      this.current = undefined;
      this.unconfirmed = undefined;
      this.update({ signedIn: false, remembered: false });
      this.ask(reason);
    }
    return this.nextToken(signal);
  }

  private nextToken(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const abort = () => {
        this.waiting.delete(wake);
        reject(signal?.reason ?? new DOMException("The request was aborted", "AbortError"));
      };
      const wake = () => {
        signal?.removeEventListener("abort", abort);
        resolve();
      };
      if (signal?.aborted) return abort();
      this.waiting.add(wake);
      signal?.addEventListener("abort", abort, { once: true });
    });
  }

  private ask(error: string | undefined): void {
    this.update({ prompt: { error, checking: false } });
  }

  private update(change: Partial<AuthState>): void {
    this.state = { ...this.state, ...change };
    this.listeners.forEach((listener) => listener());
  }
}

// Storage can throw (disabled by policy, quota, private modes): the UI then keeps the token for this page only.
function read(storage: Storage | undefined): string | undefined {
  try {
    return storage?.getItem(storageKey) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(storage: Storage | undefined, token: string): void {
  try {
    storage?.setItem(storageKey, token);
  } catch {
    // Kept in memory only (see above).
  }
}

function forget(storage: TokenStorage): void {
  for (const kept of [storage.session, storage.local]) {
    try {
      kept?.removeItem(storageKey);
    } catch {
      // Nothing was stored there.
    }
  }
}

function browserStorage(): TokenStorage {
  const get = (name: "sessionStorage" | "localStorage") => {
    try {
      return typeof window === "undefined" ? undefined : window[name];
    } catch {
      return undefined;
    }
  };
  return { session: get("sessionStorage"), local: get("localStorage") };
}

/** The page's one session (unit tests make their own). */
export const authSession = new AuthSession(browserStorage());
