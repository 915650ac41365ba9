-- The indexed words of each text index, read-only views over it (no data of their own, nothing to write):
-- a search looks up which words a query word is the start of, to match those words exactly (SqliteIndexedTable.Matching).
CREATE VIRTUAL TABLE asset_fts_terms USING fts5vocab (asset_fts, 'row');
CREATE VIRTUAL TABLE featureset_fts_terms USING fts5vocab (featureset_fts, 'row');
CREATE VIRTUAL TABLE metricset_fts_terms USING fts5vocab (metricset_fts, 'row');
