-- Search vectors are written from the shared tokenizer's words as they are (PostgresSearchVector), no longer
-- parsed again by to_tsvector, whose parser cut some of those words apart (07e1abc into 07e1 and abc) so that
-- PostgreSQL and SQLite found different assets. The migrator then rewrites every stored vector the new way
-- (PostgresSearchReindex), in this migration's transaction.
DROP FUNCTION IF EXISTS search_vector(text, text, text, text);
