-- Who a class learner is (issue 20): joining with a name already taken in the class needs that learner's resume code
-- (only a salted hash is kept) or the instructor's approval of a resume request from the other browser.
ALTER TABLE learners ADD COLUMN resume_code_hash text;

-- The instructor can stop new names from joining (learners of the class still come back with their code).
ALTER TABLE classes ADD COLUMN admits_new_learners boolean NOT NULL DEFAULT true;

-- "Let me continue as <name>" from a browser without the code, waiting for the instructor. The browser holds the
-- request's secret in a cookie; only its hash is kept. A request is decided once and redeemed once.
CREATE TABLE resume_requests (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    learner_id  uuid NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    secret_hash bytea NOT NULL,
    tag         text NOT NULL,
    client      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    decided_at  timestamptz,
    approved    boolean,
    redeemed_at timestamptz
);
CREATE INDEX resume_requests_learner_idx ON resume_requests (learner_id);
