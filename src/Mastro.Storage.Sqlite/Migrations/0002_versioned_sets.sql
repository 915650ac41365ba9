-- Feature sets and metric sets share one layout (table prefix = VersionedSetKind.Name), so that one
-- generic store serves both. `public_id` is the id the API hands out; `payload` holds the features or metrics as JSON.

CREATE TABLE featureset (
    id          INTEGER PRIMARY KEY,
    public_id   TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    description TEXT    NOT NULL,
    labels      TEXT    NOT NULL,
    inserted_at INTEGER NOT NULL,
    payload     TEXT    NOT NULL
);
CREATE INDEX featureset_newest ON featureset (inserted_at DESC, id DESC);
CREATE INDEX featureset_by_name_newest ON featureset (name, inserted_at DESC, id DESC);
CREATE TABLE featureset_label (
    key    TEXT    NOT NULL,
    value  TEXT    NOT NULL,
    set_id INTEGER NOT NULL REFERENCES featureset (id) ON DELETE CASCADE,
    PRIMARY KEY (key, value, set_id)
) WITHOUT ROWID;
CREATE INDEX featureset_label_by_set ON featureset_label (set_id);
CREATE VIRTUAL TABLE featureset_fts USING fts5 (
    name, version, description, labels,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TABLE metricset (
    id          INTEGER PRIMARY KEY,
    public_id   TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    description TEXT    NOT NULL,
    labels      TEXT    NOT NULL,
    inserted_at INTEGER NOT NULL,
    payload     TEXT    NOT NULL
);
CREATE INDEX metricset_newest ON metricset (inserted_at DESC, id DESC);
CREATE INDEX metricset_by_name_newest ON metricset (name, inserted_at DESC, id DESC);
CREATE TABLE metricset_label (
    key    TEXT    NOT NULL,
    value  TEXT    NOT NULL,
    set_id INTEGER NOT NULL REFERENCES metricset (id) ON DELETE CASCADE,
    PRIMARY KEY (key, value, set_id)
) WITHOUT ROWID;
CREATE INDEX metricset_label_by_set ON metricset_label (set_id);
CREATE VIRTUAL TABLE metricset_fts USING fts5 (
    name, version, description, labels,
    tokenize = 'unicode61 remove_diacritics 0'
);
