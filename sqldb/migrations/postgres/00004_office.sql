-- The office side (issue 5): counter, review queue, administration, audit
-- log viewer. Keep in step with migrations/sqlite/00004_office.sql.
-- The review queue reads items by (status, created_at), indexed by 00003;
-- the audit log viewer filters by the account that acted.

-- +goose Up
CREATE INDEX audit_log_account ON audit_log (account_id, at);

-- +goose Down
DROP INDEX audit_log_account;
