-- Lineage (Mastro.Core.Lineage.ILineageStore). Times are unix microseconds.

-- Reverse index of asset.depends_on, so the lineage graph finds an asset's dependents with one indexed query per
-- level. Triggers keep it in step with every write of depends_on, whoever writes the asset.
CREATE TABLE asset_dependency (
    depends_on TEXT    NOT NULL,
    asset_id   INTEGER NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    PRIMARY KEY (depends_on, asset_id)
) WITHOUT ROWID;
CREATE INDEX asset_dependency_by_asset ON asset_dependency (asset_id);

CREATE TRIGGER asset_dependency_on_insert AFTER INSERT ON asset BEGIN
    INSERT OR IGNORE INTO asset_dependency (depends_on, asset_id) SELECT value, NEW.id FROM json_each(NEW.depends_on);
END;
-- An upsert that updates an existing row fires UPDATE triggers (not AFTER INSERT ones).
CREATE TRIGGER asset_dependency_on_update AFTER UPDATE OF depends_on ON asset BEGIN
    DELETE FROM asset_dependency WHERE asset_id = NEW.id;
    INSERT OR IGNORE INTO asset_dependency (depends_on, asset_id) SELECT value, NEW.id FROM json_each(NEW.depends_on);
END;

INSERT OR IGNORE INTO asset_dependency (depends_on, asset_id) SELECT d.value, a.id FROM asset a, json_each(a.depends_on) d;

-- Raw OpenLineage events, verbatim. run_id is null for dataset and job events.
CREATE TABLE lineage_event (
    id          INTEGER PRIMARY KEY,
    run_id      TEXT,
    event_type  TEXT,
    event_time  INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    payload     TEXT    NOT NULL
);
CREATE INDEX lineage_event_by_run ON lineage_event (run_id, event_time, id);
CREATE INDEX lineage_event_by_received ON lineage_event (received_at);

-- Runs folded from their events (Mastro.Core.Lineage.Runs.LineageRuns.Apply).
CREATE TABLE lineage_run (
    run_id         TEXT    PRIMARY KEY,
    job            TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    state_time     INTEGER NOT NULL,
    started_at     INTEGER,
    ended_at       INTEGER,
    error_message  TEXT,
    first_event_at INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX lineage_run_newest ON lineage_run (first_event_at DESC, run_id);
CREATE INDEX lineage_run_by_job_newest ON lineage_run (job, first_event_at DESC, run_id);
CREATE INDEX lineage_run_by_update ON lineage_run (updated_at);

-- Other names of an asset (symlinks): an alias resolves to asset_name.
CREATE TABLE lineage_alias (
    alias      TEXT NOT NULL PRIMARY KEY,
    asset_name TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX lineage_alias_by_asset ON lineage_alias (asset_name);

-- The latest column lineage of each dataset, as JSON (Mastro.Core.Lineage.ColumnLineage).
CREATE TABLE lineage_column (
    dataset    TEXT NOT NULL PRIMARY KEY,
    lineage    TEXT NOT NULL
) WITHOUT ROWID;
