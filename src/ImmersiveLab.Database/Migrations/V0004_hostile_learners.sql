-- Issue 20: one learner cannot hurt the class.

-- Backends the app itself opened in a learner's sandbox (the index explorer's long builds), by the pid and start the
-- sandbox server reported: the watchdog gives its longer limits to these only, never to an application_name a learner
-- can set. registered_at is the sandbox server's clock, so a pid reused by a later backend does not match.
CREATE TABLE app_backends (
    server_key    text NOT NULL,
    pid           int NOT NULL,
    role_name     text NOT NULL,
    purpose       text NOT NULL,
    registered_at timestamptz NOT NULL,
    PRIMARY KEY (server_key, pid, registered_at)
);

-- What the watchdog (of any app instance) did to a learner backend, so the learner's session can say which limit
-- ended it. Kept for a day.
CREATE TABLE watchdog_actions (
    id         bigserial PRIMARY KEY,
    server_key text NOT NULL,
    role_name  text NOT NULL,
    pid        int NOT NULL,
    step       text NOT NULL,
    reason     text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX watchdog_actions_role_idx ON watchdog_actions (role_name, pid, at DESC);

-- Disk use of each sandbox as the maintenance sweep last measured it (the dashboard shows it), and the lock-down
-- of the template a sandbox has (sandboxes made from an older template are brought up to date).
ALTER TABLE sandboxes
    ADD COLUMN size_bytes       bigint,
    ADD COLUMN size_limit_bytes bigint,
    ADD COLUMN size_checked_at  timestamptz,
    ADD COLUMN lockdown         text NOT NULL DEFAULT '';
