-- The catalogue. Timestamps are unix microseconds; lists and maps are JSON text (see Mastro.Core.Storage.AssetRow).
-- The rowid `id` never changes on re-upsert, so it orders listings by first insertion.
CREATE TABLE asset (
    id                 INTEGER PRIMARY KEY,
    name               TEXT    NOT NULL UNIQUE,
    type               TEXT    NOT NULL,
    description        TEXT    NOT NULL,
    published_on       INTEGER NOT NULL,
    last_discovered_at INTEGER NOT NULL,
    depends_on         TEXT    NOT NULL,
    labels             TEXT    NOT NULL,
    tags               TEXT    NOT NULL,
    versions           TEXT    NOT NULL
);

-- One row per distinct tag of an asset, for "has all these tags" queries.
CREATE TABLE asset_tag (
    tag      TEXT    NOT NULL,
    asset_id INTEGER NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    PRIMARY KEY (tag, asset_id)
) WITHOUT ROWID;
CREATE INDEX asset_tag_by_asset ON asset_tag (asset_id);

-- String-valued labels only: a label holding a number or an object never equals a filter value.
CREATE TABLE asset_label (
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    asset_id INTEGER NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    PRIMARY KEY (key, value, asset_id)
) WITHOUT ROWID;
CREATE INDEX asset_label_by_asset ON asset_label (asset_id);

-- Text already split into lower-case words by Mastro.Core.Search.SearchTokenizer; rowid = asset.id.
CREATE VIRTUAL TABLE asset_fts USING fts5 (
    name, tags, description, labels,
    tokenize = 'unicode61 remove_diacritics 0'
);
