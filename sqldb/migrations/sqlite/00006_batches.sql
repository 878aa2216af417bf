-- Batch work from Excel (issue 4, item 4), sqlite. Keep in step with
-- migrations/postgres/00006_batches.sql. Timestamps are unix microseconds UTC;
-- money is integer fen; periods are yyyymm.

-- +goose Up
-- One row per uploaded workbook, kept with the file so that the annotated
-- workbook can be made from it again.
CREATE TABLE batches (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    kind           TEXT    NOT NULL,
    file_name      TEXT    NOT NULL DEFAULT '',
    file           BLOB NOT NULL,
    status         TEXT    NOT NULL,
    all_or_nothing INTEGER NOT NULL DEFAULT 0,
    rows_read      INTEGER NOT NULL DEFAULT 0,
    rows_ok        INTEGER NOT NULL DEFAULT 0,
    rows_refused   INTEGER NOT NULL DEFAULT 0,
    rows_malformed INTEGER NOT NULL DEFAULT 0,
    rows_applied   INTEGER NOT NULL DEFAULT 0,
    rows_done      INTEGER NOT NULL DEFAULT 0,
    cost_employer  INTEGER NOT NULL DEFAULT 0,
    cost_employee  INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    created_by     INTEGER NOT NULL DEFAULT 0,
    updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX batches_unit_created ON batches (unit_id, created_at);

-- One row per data row of a batch: the request read from it and its outcome.
CREATE TABLE batch_rows (
    batch_id    INTEGER NOT NULL REFERENCES batches (id),
    row_no      INTEGER NOT NULL,
    id_number   TEXT    NOT NULL DEFAULT '',
    name        TEXT    NOT NULL DEFAULT '',
    item_type   TEXT    NOT NULL DEFAULT '',
    wage        INTEGER NOT NULL DEFAULT 0,
    stop_reason TEXT    NOT NULL DEFAULT '',
    outcome     TEXT    NOT NULL,
    col         TEXT    NOT NULL DEFAULT '',
    reason      TEXT    NOT NULL DEFAULT '',
    args        TEXT    NOT NULL DEFAULT '[]',
    period      INTEGER NOT NULL DEFAULT 0,
    base        INTEGER NOT NULL DEFAULT 0,
    clamp       TEXT    NOT NULL DEFAULT '',
    employer    INTEGER NOT NULL DEFAULT 0,
    employee    INTEGER NOT NULL DEFAULT 0,
    person_id   INTEGER NOT NULL DEFAULT 0,
    item_id     INTEGER NOT NULL DEFAULT 0,
    receipt     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (batch_id, row_no)
) STRICT;

-- +goose Down
DROP TABLE batch_rows;
DROP TABLE batches;
