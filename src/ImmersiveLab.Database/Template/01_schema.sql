-- The template every learner sandbox is copied from. Runs as the cluster owner in a fresh database.
-- vector is not a trusted extension, so learners cannot create it themselves: it is here for them.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS lo;

-- Shared, read-only lesson data.
CREATE SCHEMA lab;
COMMENT ON SCHEMA lab IS 'ImmersiveLab sample data (read-only)';

CREATE TABLE lab.sample_images (
    id             int PRIMARY KEY,
    category       text NOT NULL,
    file_name      text NOT NULL,
    licence        text NOT NULL,
    author         text,
    source_package text,
    width          int NOT NULL,
    height         int NOT NULL,
    format         text NOT NULL,
    bytes          bytea NOT NULL,
    pattern        vector(4096) NOT NULL,
    signature      vector(16) NOT NULL,
    signature_cube cube,
    embedding      vector(1280),
    shuffled_pattern vector(4096) NOT NULL,
    labels         text[]
);
COMMENT ON TABLE lab.sample_images IS 'The sample photos with their imgsmlr-compatible pattern and signature and MobileNetV2 embedding';
COMMENT ON COLUMN lab.sample_images.labels IS 'The embedding model''s five most likely ImageNet classes, most likely first (NULL without the model)';
COMMENT ON COLUMN lab.sample_images.shuffled_pattern IS 'imgsmlr''s shuffle_pattern(pattern): each detail region blurred, less sensitive to small shifts (= lab.shuffle_pattern(pattern))';

GRANT USAGE ON SCHEMA lab TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA lab TO PUBLIC;

-- The public schema is handed to each learner's role when the sandbox is created.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
