-- API tokens: only a random salt and the salted hash of the secret (see Mastro.Core.Security.TokenSecrets).
-- `id` is the public part of the token text; revoked tokens are kept, for the audit trail.
CREATE TABLE api_token (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    role       text NOT NULL,
    salt       bytea NOT NULL,
    hash       bytea NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);
-- One active token per name; a revoked token's name may be given again.
CREATE UNIQUE INDEX api_token_active_name ON api_token (name) WHERE revoked_at IS NULL;

-- The audit log: writes and refused requests. `targets` holds names only; no bodies, no secrets.
CREATE TABLE audit_entry (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor    text NOT NULL,
    token_id text,
    role     text,
    method   text NOT NULL,
    route    text NOT NULL,
    targets  jsonb NOT NULL,
    status   integer NOT NULL,
    client   text NOT NULL
);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor, id);
CREATE INDEX audit_entry_by_time ON audit_entry (at);
