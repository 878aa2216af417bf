-- The audit log as evidence (docs/SECURITY.md, "Security audit"). Keep in
-- step with migrations/postgres/00005_audit_chain.sql.
--
-- audit_log keeps what its unit and person were called when the entry was
-- made (unit_name, credit_code, person_name, id_number); entries made before
-- this migration get today's names, the best there is. Each entry carries
-- hash = shebao.AuditEntry.ChainHash(prev_hash), prev_hash being the hash of
-- the entry before it, so that editing, removing or reordering entries
-- breaks the chain (`shebao audit verify`).
--
-- audit_chain is the head of the chain, one row: the id and hash of the last
-- entry. Every append updates it in the appending transaction, which takes
-- its lock: appends are serialised and the chain stays linear. Entries made
-- before this migration are hashed once by sqldb.Migrate (sealed = 0 until
-- then).
--
-- Triggers refuse to delete an entry or to change one once hashed.

-- +goose Up
ALTER TABLE audit_log ADD COLUMN unit_name TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN credit_code TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN person_name TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN id_number TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';

UPDATE audit_log SET
    unit_name   = COALESCE((SELECT name FROM units WHERE id = audit_log.unit_id), ''),
    credit_code = COALESCE((SELECT credit_code FROM units WHERE id = audit_log.unit_id), ''),
    person_name = COALESCE((SELECT name FROM persons WHERE id = audit_log.person_id), ''),
    id_number   = COALESCE((SELECT id_number FROM persons WHERE id = audit_log.person_id), '');

CREATE TABLE audit_chain (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   INTEGER NOT NULL,
    last_hash TEXT    NOT NULL,
    sealed    INTEGER NOT NULL
) STRICT;
INSERT INTO audit_chain (id, last_id, last_hash, sealed)
    SELECT 1, COALESCE(MAX(id), 0), '', 0 FROM audit_log;

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit entries are never deleted');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN OLD.hash <> ''
BEGIN
    SELECT RAISE(ABORT, 'audit entries are never changed');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
DROP TABLE audit_chain;
ALTER TABLE audit_log DROP COLUMN hash;
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN id_number;
ALTER TABLE audit_log DROP COLUMN person_name;
ALTER TABLE audit_log DROP COLUMN credit_code;
ALTER TABLE audit_log DROP COLUMN unit_name;
