-- Collection (托收): the outcomes of a month's collection list, line by
-- line, and payments recorded at the counter (docs/COLLECTION.md). Keep in
-- step with migrations/postgres/00006_collection.sql.
--
-- One row per outcome. source is the SHA-256 of the result file (or
-- "counter:<key>") and line its row: (source, line) is unique, so importing
-- the same file twice adds nothing. A row settles a closed period of a unit
-- (item_id 0) or an approved back-pay item (item_id > 0). principal and fee
-- are the money collected; fee_accrued is the late fee the principal
-- collected had run up to paid_on (rules.LateFee), kept so that the fee
-- still owed needs no history.

-- +goose Up
CREATE TABLE collection_results (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    list_period INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    period      INTEGER NOT NULL,
    item_id     INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT    NOT NULL,
    reason      TEXT    NOT NULL DEFAULT '',
    principal   INTEGER NOT NULL DEFAULT 0,
    fee         INTEGER NOT NULL DEFAULT 0,
    fee_accrued INTEGER NOT NULL DEFAULT 0,
    paid_on     INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    recorded_by INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source, line)
) STRICT;
CREATE INDEX collection_results_unit ON collection_results (unit_id, period, item_id);

-- +goose Down
DROP TABLE collection_results;
