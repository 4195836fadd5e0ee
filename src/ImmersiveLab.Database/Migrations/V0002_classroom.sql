-- Classroom state every app instance watches (ClassBroadcaster polls revision): the step the instructor last
-- pushed to the class, and a revision bumped on every change of labs, locks or push.
ALTER TABLE classes
    ADD COLUMN revision   bigint NOT NULL DEFAULT 0,
    ADD COLUMN push_seq   int NOT NULL DEFAULT 0,
    ADD COLUMN push_lab   text,
    ADD COLUMN push_step  int,
    ADD COLUMN pushed_at  timestamptz,
    ADD CONSTRAINT classes_name_length CHECK (length(name) BETWEEN 1 AND 80),
    ADD CONSTRAINT classes_max_learners_range CHECK (max_learners BETWEEN 1 AND 1000);

-- Join codes are typed by people: unique regardless of case.
ALTER TABLE classes DROP CONSTRAINT classes_code_key;
CREATE UNIQUE INDEX classes_code_lower_key ON classes (lower(code));

-- Settings shared by every app instance on this metadata database (e.g. the generated instructor token).
CREATE TABLE app_settings (
    key        text PRIMARY KEY,
    value      text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX learners_class_idx ON learners (class_id) WHERE class_id IS NOT NULL;
