-- Accounts and sessions hardening (docs/SECURITY.md). Keep in step with
-- migrations/postgres/00003_security.sql.
--
-- accounts.generation: every session and API token records the generation
-- of its account at login; a password change, a reset, a role change or a
-- disabling bumps it, which ends every session made before.
-- password_history: the hashes of an account's earlier passwords (bcrypt),
-- so that none of the last five is chosen again.
-- terminals: the enrolment secret is kept only as a SHA-256 hash
-- (secret_hash), and an enrolled kiosk's cookie carries a token whose hash
-- is token_hash. Secrets stored in clear before are dropped: regenerate
-- each terminal's secret and enrol its PC again after this migration.

-- +goose Up
ALTER TABLE accounts ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;

CREATE TABLE password_history (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    hash       TEXT    NOT NULL,
    set_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX password_history_account ON password_history (account_id, id);

ALTER TABLE terminals ADD COLUMN secret_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE terminals ADD COLUMN token_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE terminals DROP COLUMN secret;

-- +goose Down
ALTER TABLE terminals ADD COLUMN secret TEXT NOT NULL DEFAULT '';
ALTER TABLE terminals DROP COLUMN token_hash;
ALTER TABLE terminals DROP COLUMN secret_hash;
DROP TABLE password_history;
ALTER TABLE accounts DROP COLUMN generation;
