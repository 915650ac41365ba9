-- API tokens: only a random salt and the salted hash of the secret (see Mastro.Core.Security.TokenSecrets).
-- `id` is the public part of the token text. Times are unix microseconds; revoked tokens are kept, for the audit trail.
CREATE TABLE api_token (
    id         TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    salt       BLOB    NOT NULL,
    hash       BLOB    NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
-- One active token per name; a revoked token's name may be given again.
CREATE UNIQUE INDEX api_token_active_name ON api_token (name) WHERE revoked_at IS NULL;

-- The audit log: writes and refused requests. `targets` is a JSON array of names; no bodies, no secrets.
CREATE TABLE audit_entry (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor    TEXT    NOT NULL,
    token_id TEXT,
    role     TEXT,
    method   TEXT    NOT NULL,
    route    TEXT    NOT NULL,
    targets  TEXT    NOT NULL,
    status   INTEGER NOT NULL,
    client   TEXT    NOT NULL
);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor, id);
CREATE INDEX audit_entry_by_time ON audit_entry (at);
