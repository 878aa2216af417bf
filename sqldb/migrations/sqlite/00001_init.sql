-- Initial schema, SQLite. Keep in step with migrations/postgres/00001_init.sql:
-- same tables, columns, constraints and indexes; only the types differ.
-- Money, days (yyyymmdd), periods (yyyymm) are integers; timestamps are unix
-- microseconds UTC (0 = none). items.created_by, coverages.item_id and the
-- audit_log ids are references kept for the record, without foreign keys
-- (0 = none); accounts.unit_id is a nullable foreign key (NULL for staff).
-- STRICT tables make SQLite check the types.

-- +goose Up
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    credit_code TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    address     TEXT    NOT NULL DEFAULT '',
    contact     TEXT    NOT NULL DEFAULT '',
    phone       TEXT    NOT NULL DEFAULT '',
    industry    TEXT    NOT NULL DEFAULT '',
    risk_class  INTEGER NOT NULL DEFAULT 0,
    status      TEXT    NOT NULL DEFAULT 'active',
    created_at  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE terminals (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    secret   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE persons (
    id            INTEGER PRIMARY KEY,
    id_number     TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    sex           TEXT    NOT NULL DEFAULT '',
    birth_date    INTEGER NOT NULL DEFAULT 0,
    post_category TEXT    NOT NULL DEFAULT '',
    phone         TEXT    NOT NULL DEFAULT '',
    address       TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE registrations (
    id            INTEGER PRIMARY KEY,
    source_id     TEXT    NOT NULL UNIQUE,
    person_id     INTEGER NOT NULL REFERENCES persons (id),
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    start_on      INTEGER NOT NULL DEFAULT 0,
    registered_on INTEGER NOT NULL DEFAULT 0,
    end_on        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX registrations_person ON registrations (person_id);

CREATE TABLE items (
    id          INTEGER PRIMARY KEY,
    receipt     TEXT UNIQUE,
    type        TEXT    NOT NULL,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    person_id   INTEGER NOT NULL REFERENCES persons (id),
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
    decided_at  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX items_client_key ON items (unit_id, client_key) WHERE client_key <> '';
CREATE INDEX items_unit_created ON items (unit_id, created_at);
CREATE INDEX items_person_created ON items (person_id, created_at);
CREATE INDEX items_created_day ON items (created_day);

CREATE TABLE coverages (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES persons (id),
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    insurance    TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    first_period INTEGER NOT NULL,
    last_period  INTEGER NOT NULL DEFAULT 0,
    base         INTEGER NOT NULL DEFAULT 0,
    item_id      INTEGER NOT NULL DEFAULT 0
) STRICT;
-- At most one active coverage per person and insurance in the district: two
-- operators racing to enroll one person end with one winner.
CREATE UNIQUE INDEX coverages_one_active ON coverages (person_id, insurance) WHERE status = 'active';
CREATE INDEX coverages_unit_status ON coverages (unit_id, status);
CREATE INDEX coverages_person ON coverages (person_id);

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    username        TEXT    NOT NULL,
    password_hash   TEXT    NOT NULL DEFAULT '',
    role            TEXT    NOT NULL,
    unit_id         INTEGER REFERENCES units (id),
    display_name    TEXT    NOT NULL DEFAULT '',
    must_change     INTEGER NOT NULL DEFAULT 0,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER NOT NULL DEFAULT 0,
    disabled        INTEGER NOT NULL DEFAULT 0,
    password_set_at INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX accounts_username ON accounts (lower(username));
CREATE INDEX accounts_unit ON accounts (unit_id);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    account_id INTEGER NOT NULL DEFAULT 0,
    username   TEXT    NOT NULL DEFAULT '',
    role       TEXT    NOT NULL DEFAULT '',
    channel    TEXT    NOT NULL DEFAULT '',
    terminal   TEXT    NOT NULL DEFAULT '',
    action     TEXT    NOT NULL,
    unit_id    INTEGER NOT NULL DEFAULT 0,
    person_id  INTEGER NOT NULL DEFAULT 0,
    item_id    INTEGER NOT NULL DEFAULT 0,
    detail     TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_unit ON audit_log (unit_id, at);
CREATE INDEX audit_log_person ON audit_log (person_id, at);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE policies (
    id      INTEGER PRIMARY KEY,
    year    INTEGER NOT NULL,
    region  TEXT    NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    body    TEXT    NOT NULL,
    UNIQUE (year, region, version)
) STRICT;

CREATE TABLE sessions (
    token  TEXT    PRIMARY KEY,
    data   BLOB    NOT NULL,
    expiry INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_expiry ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
DROP TABLE policies;
DROP TABLE audit_log;
DROP TABLE accounts;
DROP TABLE coverages;
DROP TABLE items;
DROP TABLE registrations;
DROP TABLE persons;
DROP TABLE terminals;
DROP TABLE units;
