import { useEffect, useRef, useState, type FormEvent } from "react";
import { authSession } from "../api/auth";
import { useAuth } from "../api/useAuth";

/**
 * Asks for an API token when the server answered 401 (or 403 for a token just entered). The requests that were
 * refused wait and go again once a token is entered; the panel closes when one of them gets through.
 */
export function SignInPanel() {
  const { prompt } = useAuth();
  const [token, setToken] = useState("");
  const [remember, setRemember] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const error = prompt?.error;
  const open = prompt !== undefined;

  // Put the cursor where the token goes when the panel opens and after each refusal.
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open, error]);

  if (!prompt) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    authSession.signIn(token, remember);
    // The token now lives in storage only; an empty field is ready for another one if this one is refused.
    setToken("");
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <p>
        This Mastro server needs an API token. Ask your Mastro administrator for one, or, with access to the server,
        create one with the <code>view</code> role (it can read everything):
      </p>
      <pre>
        <code>mastro token create --role view --name &lt;you&gt;</code>
      </pre>
      <form onSubmit={submit}>
        <label htmlFor="api-token">API token</label>
        <div className="search-row narrow">
          <input
            id="api-token"
            ref={input}
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "sign-in-error" : undefined}
          />
          <button type="submit" disabled={prompt.checking}>
            Sign in
          </button>
        </div>
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember on this device
        </label>
        <p className="hint">
          Otherwise the token is forgotten when this tab closes. Leave this off on a shared computer.
        </p>
      </form>
      {prompt.checking ? (
        <p className="muted" role="status">
          Checking the token…
        </p>
      ) : null}
      {error ? (
        <div id="sign-in-error" className="error" role="alert">
          {error}
        </div>
      ) : null}
    </section>
  );
}

/** In the header while a token is stored: forgets it. */
export function SignOutButton() {
  const { signedIn, remembered } = useAuth();
  if (!signedIn) return null;
  return (
    <div className="session">
      <span className="muted">{remembered ? "Signed in on this device" : "Signed in"}</span>
      <button type="button" onClick={() => authSession.signOut()}>
        Sign out
      </button>
    </div>
  );
}
