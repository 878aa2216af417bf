-- The audit log as evidence (docs/SECURITY.md, "Security audit"). Keep in
-- step with migrations/sqlite/00005_audit_chain.sql, which explains the
-- columns, the chain head and the triggers.

-- +goose Up
ALTER TABLE audit_log
    ADD COLUMN unit_name   TEXT NOT NULL DEFAULT '',
    ADD COLUMN credit_code TEXT NOT NULL DEFAULT '',
    ADD COLUMN person_name TEXT NOT NULL DEFAULT '',
    ADD COLUMN id_number   TEXT NOT NULL DEFAULT '',
    ADD COLUMN prev_hash   TEXT NOT NULL DEFAULT '',
    ADD COLUMN hash        TEXT NOT NULL DEFAULT '';

UPDATE audit_log SET
    unit_name   = COALESCE((SELECT name FROM units WHERE id = audit_log.unit_id), ''),
    credit_code = COALESCE((SELECT credit_code FROM units WHERE id = audit_log.unit_id), ''),
    person_name = COALESCE((SELECT name FROM persons WHERE id = audit_log.person_id), ''),
    id_number   = COALESCE((SELECT id_number FROM persons WHERE id = audit_log.person_id), '');

CREATE TABLE audit_chain (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   BIGINT  NOT NULL,
    last_hash TEXT    NOT NULL,
    sealed    INTEGER NOT NULL
);
INSERT INTO audit_chain (id, last_id, last_hash, sealed)
    SELECT 1, COALESCE(MAX(id), 0), '', 0 FROM audit_log;

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash = '' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit entries are never changed or deleted';
END
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TRIGGER audit_log_append_only ON audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE audit_chain;
ALTER TABLE audit_log
    DROP COLUMN hash,
    DROP COLUMN prev_hash,
    DROP COLUMN id_number,
    DROP COLUMN person_name,
    DROP COLUMN credit_code,
    DROP COLUMN unit_name;
