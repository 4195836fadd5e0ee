-- Edited copies of some sample photos, for near-duplicate detection (lab 7): the first photo of each category,
-- resized, cropped, recompressed, mirrored, darkened and watermarked, with the same vectors as lab.sample_images.
-- Filled by the template builder, like lab.sample_images.

CREATE TABLE lab.sample_variants (
    id               int PRIMARY KEY,
    source_id        int NOT NULL REFERENCES lab.sample_images (id),
    kind             text NOT NULL CHECK (kind IN ('resized', 'cropped', 'recompressed', 'mirrored', 'darkened', 'watermarked')),
    file_name        text NOT NULL,
    width            int NOT NULL,
    height           int NOT NULL,
    format           text NOT NULL,
    bytes            bytea NOT NULL,
    pattern          vector(4096) NOT NULL,
    signature        vector(16) NOT NULL,
    signature_cube   cube,
    shuffled_pattern vector(4096) NOT NULL,
    embedding        vector(1280),
    UNIQUE (source_id, kind)
);
COMMENT ON TABLE lab.sample_variants IS
    'Edited copies (near-duplicates) of the first sample photo of each category: id = 1000 + 10 * source_id + kind number';

GRANT SELECT ON lab.sample_variants TO PUBLIC;
