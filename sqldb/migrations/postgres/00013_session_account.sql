-- Authentication in one statement (docs/SECURITY.md "One statement
-- authenticates a request"). Keep in step with
-- migrations/sqlite/00013_session_account.sql.
--
-- sessions.account_id: the account a session is logged in as, written with
-- the session's data (package session decodes it from the data), so that a
-- request reads its session and its account as stored now by one joined
-- SELECT. Sessions stored before have no account here: they are not found
-- (their users log in again once), and the sweep removes them once expired.

-- +goose Up
ALTER TABLE sessions ADD COLUMN account_id BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE sessions DROP COLUMN account_id;
