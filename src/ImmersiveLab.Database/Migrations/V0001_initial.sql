-- Classes (instructor-led courses). Solo learners have no class.
CREATE TABLE classes (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text NOT NULL,
    code         text NOT NULL UNIQUE,
    labs         text[] NOT NULL DEFAULT '{}',
    locked_labs  text[] NOT NULL DEFAULT '{}',
    max_learners int NOT NULL DEFAULT 100,
    created_at   timestamptz NOT NULL DEFAULT now(),
    closed_at    timestamptz
);

-- A learner is a display name, unique within a class (or among solo learners).
CREATE TABLE learners (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    class_id     uuid REFERENCES classes(id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (class_id, name)
);

-- Each learner's sandbox database and login role. Passwords never leave the app.
CREATE TABLE sandboxes (
    learner_id    uuid PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
    server_key    text NOT NULL DEFAULT 'default',
    database_name text NOT NULL UNIQUE,
    role_name     text NOT NULL UNIQUE,
    role_password text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NOT NULL DEFAULT now()
);

-- Where a learner is, and how long they spent on each step.
CREATE TABLE step_visits (
    learner_id    uuid NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    lab_id        text NOT NULL,
    step_index    int NOT NULL,
    first_at      timestamptz NOT NULL DEFAULT now(),
    last_at       timestamptz NOT NULL DEFAULT now(),
    seconds_spent int NOT NULL DEFAULT 0,
    PRIMARY KEY (learner_id, lab_id, step_index)
);

CREATE TABLE learner_positions (
    learner_id uuid PRIMARY KEY REFERENCES learners(id) ON DELETE CASCADE,
    lab_id     text NOT NULL,
    step_index int NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cell_runs (
    learner_id  uuid NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    lab_id      text NOT NULL,
    cell_id     text NOT NULL,
    runs        int NOT NULL DEFAULT 0,
    last_run_at timestamptz NOT NULL DEFAULT now(),
    last_error  text,
    PRIMARY KEY (learner_id, lab_id, cell_id)
);

CREATE TABLE check_results (
    learner_id uuid NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    lab_id     text NOT NULL,
    cell_id    text NOT NULL,
    passed     boolean NOT NULL,
    message    text,
    checked_at timestamptz NOT NULL DEFAULT now(),
    passed_at  timestamptz,
    PRIMARY KEY (learner_id, lab_id, cell_id)
);

-- The learner's own version of a cell, kept across reloads.
CREATE TABLE cell_edits (
    learner_id uuid NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    lab_id     text NOT NULL,
    cell_id    text NOT NULL,
    sql        text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (learner_id, lab_id, cell_id)
);
