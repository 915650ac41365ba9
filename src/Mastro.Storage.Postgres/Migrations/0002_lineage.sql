-- Lineage (Mastro.Core.Lineage.ILineageStore).

-- Reverse index of assets.depends_on: the lineage graph finds the dependents of a whole level of nodes with one
-- B-tree lookup per name (a GIN index on depends_on answers "?| names" several times slower on large levels).
-- A trigger keeps it in step with every write of depends_on, whoever writes the asset.
CREATE TABLE asset_dependencies (
    depends_on text   NOT NULL,
    asset_id   bigint NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    PRIMARY KEY (depends_on, asset_id)
);
CREATE INDEX asset_dependencies_by_asset ON asset_dependencies (asset_id);

CREATE FUNCTION asset_dependencies_sync() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.depends_on = OLD.depends_on THEN
            RETURN NULL;
        END IF;
        DELETE FROM asset_dependencies WHERE asset_id = NEW.id;
    END IF;
    INSERT INTO asset_dependencies (depends_on, asset_id)
    SELECT DISTINCT name, NEW.id FROM jsonb_array_elements_text(NEW.depends_on) AS dependency(name)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER assets_dependencies AFTER INSERT OR UPDATE OF depends_on ON assets
    FOR EACH ROW EXECUTE FUNCTION asset_dependencies_sync();

INSERT INTO asset_dependencies (depends_on, asset_id)
SELECT DISTINCT dependency.name, a.id FROM assets a, jsonb_array_elements_text(a.depends_on) AS dependency(name);

-- Raw OpenLineage events, as received (json keeps the exact text). run_id is null for dataset and job events.
CREATE TABLE lineage_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      text,
    event_type  text,
    event_time  timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    payload     json NOT NULL
);
CREATE INDEX lineage_events_by_run ON lineage_events (run_id, event_time, id);
CREATE INDEX lineage_events_by_received ON lineage_events (received_at);

-- Runs folded from their events (Mastro.Core.Lineage.Runs.LineageRuns.Apply).
CREATE TABLE lineage_runs (
    run_id         text PRIMARY KEY,
    job            text NOT NULL,
    state          text NOT NULL,
    state_time     timestamptz NOT NULL,
    started_at     timestamptz,
    ended_at       timestamptz,
    error_message  text,
    first_event_at timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX lineage_runs_newest ON lineage_runs (first_event_at DESC, run_id);
CREATE INDEX lineage_runs_by_job_newest ON lineage_runs (job, first_event_at DESC, run_id);
CREATE INDEX lineage_runs_by_update ON lineage_runs (updated_at);

-- Other names of an asset (symlinks): an alias resolves to asset_name.
CREATE TABLE lineage_aliases (
    alias      text PRIMARY KEY,
    asset_name text NOT NULL
);
CREATE INDEX lineage_aliases_by_asset ON lineage_aliases (asset_name);

-- The latest column lineage of each dataset (Mastro.Core.Lineage.ColumnLineage as JSON).
CREATE TABLE lineage_columns (
    dataset text PRIMARY KEY,
    lineage jsonb NOT NULL
);
