-- Search text arrives already split into lower-case words by Mastro.Core.Search.SearchTokenizer (letters and
-- digits only), so the 'simple' configuration indexes exactly those words, with no stemming or stop words.
-- Weights rank a match in the name above one in tags (or version), description and labels.
CREATE FUNCTION search_vector(weight_a text, weight_b text, weight_c text, weight_d text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple', weight_a), 'A')
        || setweight(to_tsvector('simple', weight_b), 'B')
        || setweight(to_tsvector('simple', weight_c), 'C')
        || setweight(to_tsvector('simple', weight_d), 'D')
$$;

-- The catalogue. The identity id never changes on upsert, so listings keep insertion order.
CREATE TABLE assets (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text NOT NULL UNIQUE,
    type               text NOT NULL,
    description        text NOT NULL,
    published_on       timestamptz NOT NULL,
    last_discovered_at timestamptz NOT NULL,
    depends_on         jsonb NOT NULL,
    labels             jsonb NOT NULL,
    tags               jsonb NOT NULL,
    versions           jsonb NOT NULL,
    search             tsvector NOT NULL
);
-- jsonb_path_ops: the label and tag filters only ever ask "contains" (@>).
CREATE INDEX assets_labels ON assets USING gin (labels jsonb_path_ops);
CREATE INDEX assets_tags ON assets USING gin (tags jsonb_path_ops);
CREATE INDEX assets_search ON assets USING gin (search);

-- Feature sets and metric sets share one layout (one generic store serves both). The payload (features or
-- metrics) is never queried, so it is kept as json: the exact text written, numbers included.
CREATE TABLE featureset (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id   text NOT NULL UNIQUE,
    name        text NOT NULL,
    version     text NOT NULL,
    description text NOT NULL,
    labels      jsonb NOT NULL,
    inserted_at timestamptz NOT NULL,
    payload     json NOT NULL,
    search      tsvector NOT NULL
);
CREATE INDEX featureset_name_inserted_at ON featureset (name, inserted_at DESC, id DESC);
CREATE INDEX featureset_inserted_at ON featureset (inserted_at DESC, id DESC);
CREATE INDEX featureset_labels ON featureset USING gin (labels jsonb_path_ops);
CREATE INDEX featureset_search ON featureset USING gin (search);

CREATE TABLE metricset (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id   text NOT NULL UNIQUE,
    name        text NOT NULL,
    version     text NOT NULL,
    description text NOT NULL,
    labels      jsonb NOT NULL,
    inserted_at timestamptz NOT NULL,
    payload     json NOT NULL,
    search      tsvector NOT NULL
);
CREATE INDEX metricset_name_inserted_at ON metricset (name, inserted_at DESC, id DESC);
CREATE INDEX metricset_inserted_at ON metricset (inserted_at DESC, id DESC);
CREATE INDEX metricset_labels ON metricset USING gin (labels jsonb_path_ops);
CREATE INDEX metricset_search ON metricset USING gin (search);
