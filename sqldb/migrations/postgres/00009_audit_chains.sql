-- The audit chain in 32 independent chains (docs/SECURITY.md, "Tamper
-- evidence"). Keep in step with migrations/sqlite/00009_audit_chains.sql.
--
-- audit_log.chain is the chain an entry belongs to, and audit_chain has one
-- head a chain (id = the chain's number): the id and hash of its last entry.
-- Each chain is linear: an entry's prev_hash is the hash of the entry before
-- it in the same chain ('' for a chain's first). A writing transaction takes
-- a head that no other holds (FOR UPDATE SKIP LOCKED), so that 32
-- transactions can append, and commit, at once. Entries made before this
-- migration stay chain 1, as they were chained and verified.
--
-- Entry ids come from audit_log's identity sequence, taken by each appender
-- while it holds its head, so that within a chain ids grow in chain order;
-- audit_chain.last_id no longer counts ids, and the sequence starts after
-- the last one it handed out.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN chain INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_chain DROP CONSTRAINT audit_chain_id_check;
ALTER TABLE audit_chain ADD CONSTRAINT audit_chain_id_check CHECK (id BETWEEN 1 AND 32);
INSERT INTO audit_chain (id, last_id, last_hash, sealed)
    SELECT n, 0, '', 1 FROM generate_series(2, 32) AS n;
SELECT setval('audit_log_id_seq', GREATEST(m, 1), m > 0) FROM (SELECT GREATEST(
    (SELECT COALESCE(MAX(id), 0) FROM audit_log),
    (SELECT last_id FROM audit_chain WHERE id = 1)) AS m) AS last;

-- +goose Down
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_log WHERE chain <> 1) THEN
        RAISE EXCEPTION 'audit entries in chains other than 1: one chain cannot hold them';
    END IF;
END
$$;
-- +goose StatementEnd
DELETE FROM audit_chain WHERE id <> 1;
ALTER TABLE audit_chain DROP CONSTRAINT audit_chain_id_check;
ALTER TABLE audit_chain ADD CONSTRAINT audit_chain_id_check CHECK (id = 1);
UPDATE audit_chain SET last_id = GREATEST(last_id, (SELECT COALESCE(MAX(id), 0) FROM audit_log));
ALTER TABLE audit_log DROP COLUMN chain;
