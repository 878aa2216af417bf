-- The deduction account in force on a day (docs/COLLECTION.md, "The
-- deduction account"). Keep in step with
-- migrations/postgres/00008_unit_accounts.sql.
--
-- One row per account a unit has had: from_day is the first day it is in
-- force (0: from the start, the account the unit was created or imported
-- with); item_id is the reviewed unit change whose approval set it (0 for
-- the first). A collection list takes each unit's newest row from on or
-- before its due date, so that a change approved after the due date does
-- not change that month's list. Units existing before this migration get
-- their current account as the first row.

-- +goose Up
CREATE TABLE unit_accounts (
    id       INTEGER PRIMARY KEY,
    unit_id  INTEGER  NOT NULL REFERENCES units (id),
    account  TEXT    NOT NULL,
    from_day INTEGER NOT NULL,
    item_id  INTEGER  NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX unit_accounts_unit ON unit_accounts (unit_id, from_day);
INSERT INTO unit_accounts (unit_id, account, from_day, item_id) SELECT id, bank_account, 0, 0 FROM units;

-- +goose Down
DROP TABLE unit_accounts;
