-- Employment-registration imports (issue 5), SQLite. Keep in step with
-- migrations/postgres/00007_employment_imports.sql. Timestamps are unix
-- microseconds UTC.

-- +goose Up
-- One row per import: a file uploaded by staff, or one push of the
-- employment system's API. rejects holds the rows not taken as JSON:
-- [{"row":3,"source_id":"…","field":"credit_code","reason":"UNIT_UNKNOWN","args":["…"]}].
CREATE TABLE employment_imports (
    id         INTEGER PRIMARY KEY,
    channel    TEXT    NOT NULL,
    source     TEXT    NOT NULL DEFAULT '',
    at         INTEGER NOT NULL,
    account_id INTEGER NOT NULL DEFAULT 0,
    username   TEXT    NOT NULL DEFAULT '',
    rows_read  INTEGER NOT NULL DEFAULT 0,
    inserted   INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    unchanged  INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    rejects    TEXT    NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX employment_imports_channel_at ON employment_imports (channel, at);
CREATE INDEX employment_imports_at ON employment_imports (at);

-- +goose Down
DROP TABLE employment_imports;
