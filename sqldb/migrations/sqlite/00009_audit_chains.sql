-- The audit chain's entries name their chain (docs/SECURITY.md, "Tamper
-- evidence"). Keep in step with migrations/postgres/00009_audit_chains.sql,
-- where the chain is split into 32 independent chains, each with its head in
-- audit_chain, so that concurrent transactions append and commit at once.
--
-- SQLite has one writer, whose group commit appends for every transaction
-- of a group in one go (sqldb/groupcommit.go): it keeps one chain, number
-- 1, whose head still counts the entries' ids. audit_log.chain is there so
-- that both databases have the same schema and are verified alike.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN chain INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE audit_log DROP COLUMN chain;
