-- The rest of the catalogue (issue 4), SQLite. Keep in step with
-- migrations/postgres/00003_catalogue.sql.
--
-- Items about a unit rather than a person (unit information change, a unit's
-- proof of insurance) have no person: items.person_id becomes nullable, and
-- items gain the payload (a type's JSON details) and note (a reviewer's note)
-- of shebao.Item. SQLite cannot drop NOT NULL in place, so items is rebuilt
-- (https://sqlite.org/lang_altertable.html#otheralter); foreign keys are
-- checked at commit, when the rebuilt table carries the old name again.

-- +goose Up
PRAGMA defer_foreign_keys = ON;

CREATE TABLE items_rebuilt (
    id          INTEGER PRIMARY KEY,
    receipt     TEXT UNIQUE,
    type        TEXT    NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    person_id   INTEGER REFERENCES persons (id),
    channel     TEXT    NOT NULL,
    terminal    TEXT    NOT NULL DEFAULT '',
    period      INTEGER NOT NULL DEFAULT 0,
    status      TEXT    NOT NULL,
    reasons     TEXT    NOT NULL DEFAULT '[]',
    reason_args TEXT    NOT NULL DEFAULT '[]',
    wage        INTEGER NOT NULL DEFAULT 0,
    base        INTEGER NOT NULL DEFAULT 0,
    stop_reason TEXT    NOT NULL DEFAULT '',
    client_key  TEXT    NOT NULL DEFAULT '',
    created_by  INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    created_day INTEGER NOT NULL,
    decided_at  INTEGER NOT NULL DEFAULT 0,
    payload     TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT ''
) STRICT;
INSERT INTO items_rebuilt (id, receipt, type, unit_id, person_id, channel, terminal, period, status,
    reasons, reason_args, wage, base, stop_reason, client_key, created_by, created_at, created_day, decided_at)
SELECT id, receipt, type, unit_id, person_id, channel, terminal, period, status,
    reasons, reason_args, wage, base, stop_reason, client_key, created_by, created_at, created_day, decided_at
FROM items;
DROP TABLE items;
ALTER TABLE items_rebuilt RENAME TO items;
CREATE UNIQUE INDEX items_client_key ON items (unit_id, client_key) WHERE client_key <> '';
CREATE INDEX items_unit_created ON items (unit_id, created_at);
CREATE INDEX items_person_created ON items (person_id, created_at);
CREATE INDEX items_created_day ON items (created_day);
CREATE INDEX items_status ON items (status, created_at);

ALTER TABLE units ADD COLUMN bank_account TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN legal_rep TEXT NOT NULL DEFAULT '';

-- The status timeline of every item: one row per status it entered.
CREATE TABLE item_events (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items (id),
    from_status TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL,
    reasons     TEXT    NOT NULL DEFAULT '[]',
    note        TEXT    NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    by_account  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX item_events_item ON item_events (item_id, id);
CREATE INDEX item_events_decided ON item_events (from_status, at);
INSERT INTO item_events (item_id, from_status, status, reasons, at, by_account)
SELECT id, '', status, reasons, created_at, created_by FROM items;

-- The history of every changed field of a unit or a person.
CREATE TABLE field_changes (
    id         INTEGER PRIMARY KEY,
    entity     TEXT    NOT NULL,
    entity_id  INTEGER NOT NULL,
    field      TEXT    NOT NULL,
    old_value  TEXT    NOT NULL DEFAULT '',
    new_value  TEXT    NOT NULL DEFAULT '',
    item_id    INTEGER NOT NULL DEFAULT 0,
    at         INTEGER NOT NULL,
    by_account INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX field_changes_entity ON field_changes (entity, entity_id, at);

-- Keys that sign proofs of insurance, when none is configured.
CREATE TABLE proof_keys (
    id         TEXT    PRIMARY KEY,
    secret     BLOB    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- Issued proofs of insurance, exactly as signed.
CREATE TABLE proofs (
    id        INTEGER PRIMARY KEY,
    code      TEXT    NOT NULL UNIQUE,
    item_id   INTEGER NOT NULL REFERENCES items (id),
    kind      TEXT    NOT NULL,
    unit_id   INTEGER NOT NULL REFERENCES units (id),
    person_id INTEGER NOT NULL DEFAULT 0,
    issued_at INTEGER NOT NULL,
    content   TEXT    NOT NULL,
    key_id    TEXT    NOT NULL,
    signature TEXT    NOT NULL
) STRICT;

-- Up to when each account has seen the decisions on its unit's items.
CREATE TABLE decisions_seen (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    seen_at    INTEGER NOT NULL
) STRICT;

-- +goose Down
DROP TABLE decisions_seen;
DROP TABLE proofs;
DROP TABLE proof_keys;
DROP TABLE field_changes;
DROP TABLE item_events;
ALTER TABLE units DROP COLUMN legal_rep;
ALTER TABLE units DROP COLUMN bank_account;
DROP INDEX items_status;
ALTER TABLE items DROP COLUMN note;
ALTER TABLE items DROP COLUMN payload;
