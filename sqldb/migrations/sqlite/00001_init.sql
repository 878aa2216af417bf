-- The schema, SQLite. Keep in step with migrations/postgres/00001_init.sql:
-- same tables, columns, constraints and indexes, in the same order; only the
-- types differ (INTEGER here for BIGINT and BOOLEAN there, BLOB for BYTEA).
--
-- Money is integer fen, rates are per 100,000, days are yyyymmdd, periods
-- yyyymm, timestamps unix microseconds UTC (0 = none). Columns that name an
-- item, an account or a person "for the record" (items.created_by,
-- coverages.item_id, the audit_log ids, …) have no foreign key and use 0 for
-- none; accounts.unit_id is a nullable foreign key (NULL for staff), and
-- items.person_id is NULL for items about a unit rather than a person.
-- STRICT tables make SQLite check the types.

-- +goose Up

-- Units and terminals -------------------------------------------------------

CREATE TABLE units (
    id           INTEGER PRIMARY KEY,
    credit_code  TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    address      TEXT    NOT NULL DEFAULT '',
    contact      TEXT    NOT NULL DEFAULT '',
    phone        TEXT    NOT NULL DEFAULT '',
    industry     TEXT    NOT NULL DEFAULT '',
    risk_class   INTEGER NOT NULL DEFAULT 0,
    status       TEXT    NOT NULL DEFAULT 'active',
    created_at   INTEGER NOT NULL DEFAULT 0,
    bank_account TEXT    NOT NULL DEFAULT '',
    legal_rep    TEXT    NOT NULL DEFAULT ''
) STRICT;

-- Self-service PCs (kiosks) in the office's hall.
CREATE TABLE terminals (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    secret   TEXT NOT NULL DEFAULT ''
) STRICT;

-- Persons and their employment registrations --------------------------------

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

-- Registrations from the employment system, keyed by its source_id.
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

-- Coverage ------------------------------------------------------------------

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

-- Items and their events ----------------------------------------------------

-- A business item (业务事项: enroll, stop, back-pay, proof, …). person_id is NULL
-- for items about a unit; payload holds a type's JSON details, note a
-- reviewer's note, id_number the ID number as submitted (so that a refusal
-- for a number unknown to the district still shows which number it was).
CREATE TABLE items (
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
    note        TEXT    NOT NULL DEFAULT '',
    id_number   TEXT    NOT NULL DEFAULT ''
) STRICT;
-- A replayed submission (same unit, same client key) finds the first item.
CREATE UNIQUE INDEX items_client_key ON items (unit_id, client_key) WHERE client_key <> '';
CREATE INDEX items_unit_created ON items (unit_id, created_at);
CREATE INDEX items_person_created ON items (person_id, created_at);
CREATE INDEX items_created_day ON items (created_day);
-- The review queue reads items by status.
CREATE INDEX items_status ON items (status, created_at);

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

-- Accounts and sessions -----------------------------------------------------

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

-- Up to when each account has seen the decisions on its unit's items.
CREATE TABLE decisions_seen (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    seen_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    token  TEXT    PRIMARY KEY,
    data   BLOB    NOT NULL,
    expiry INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_expiry ON sessions (expiry);

-- Audit ---------------------------------------------------------------------

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
-- The audit log viewer filters by the account that acted.
CREATE INDEX audit_log_account ON audit_log (account_id, at);

-- Policies ------------------------------------------------------------------

-- The contribution policy of a year and region, one row per saved version
-- (the newest is in force); body is the shebao.Policy as JSON.
CREATE TABLE policies (
    id      INTEGER PRIMARY KEY,
    year    INTEGER NOT NULL,
    region  TEXT    NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    body    TEXT    NOT NULL,
    UNIQUE (year, region, version)
) STRICT;

-- Contributions: assessment, base declarations, back-pay --------------------

-- A unit's floating work-injury rate (工伤费率浮动) for one year, in points
-- per 100,000 added to its risk class's base rate (negative: a reduction).
-- A year without a row means no adjustment.
CREATE TABLE unit_rates (
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    year         INTEGER NOT NULL,
    injury_float INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_id, year)
) STRICT;

-- One row per assessed period (核定): assessing → assessed → closed.
-- A closed period is frozen: its lines and sums never change again.
CREATE TABLE assessment_periods (
    period         INTEGER PRIMARY KEY,
    status         TEXT    NOT NULL,
    policy_version INTEGER NOT NULL,
    units          INTEGER NOT NULL DEFAULT 0,
    persons        INTEGER NOT NULL DEFAULT 0,
    lines          INTEGER NOT NULL DEFAULT 0,
    employer       INTEGER NOT NULL DEFAULT 0,
    employee       INTEGER NOT NULL DEFAULT 0,
    assessed_at    INTEGER NOT NULL DEFAULT 0,
    closed_at      INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One row per coverage and period: how one insurance type's contribution
-- of one person-month was computed (stored base, applied base and clamp,
-- rates, rounding) and the amounts. Keyed by period and unit first, so that
-- a unit's lines of a period lie together (the bill page and the unit sums
-- read them as one range). A coverage belongs to one unit, so the key is
-- unique per coverage and period. sqldb/synthetic.go's raw_lines copies
-- this definition.
CREATE TABLE assessment_lines (
    period        INTEGER NOT NULL,
    coverage_id   INTEGER NOT NULL,
    unit_id       INTEGER NOT NULL,
    person_id     INTEGER NOT NULL,
    insurance     TEXT    NOT NULL,
    stored_base   INTEGER NOT NULL,
    base          INTEGER NOT NULL,
    clamp         TEXT    NOT NULL,
    employer_rate INTEGER NOT NULL,
    employee_rate INTEGER NOT NULL,
    rounding      TEXT    NOT NULL,
    employer      INTEGER NOT NULL,
    employee      INTEGER NOT NULL,
    PRIMARY KEY (period, unit_id, coverage_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX assessment_lines_person ON assessment_lines (person_id, period);

-- A unit's sums of one assessed period, and whether staff recorded it paid.
CREATE TABLE assessment_units (
    period   INTEGER NOT NULL,
    unit_id  INTEGER NOT NULL,
    persons  INTEGER NOT NULL,
    lines    INTEGER NOT NULL,
    employer INTEGER NOT NULL,
    employee INTEGER NOT NULL,
    paid     INTEGER NOT NULL DEFAULT 0,
    paid_at  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit_id)
) STRICT;
CREATE INDEX assessment_units_unit ON assessment_units (unit_id, period);

-- Base declarations (基数申报): one row per unit, person and declaration
-- year, the base in force from from_period on. The assessment of period P
-- uses the row with the greatest from_period <= P, and coverages.base when
-- there is none.
CREATE TABLE base_declarations (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    person_id   INTEGER NOT NULL REFERENCES persons (id),
    year        INTEGER NOT NULL,
    from_period INTEGER NOT NULL,
    wage        INTEGER NOT NULL,
    base        INTEGER NOT NULL,
    clamp       TEXT    NOT NULL DEFAULT 'none',
    source      TEXT    NOT NULL DEFAULT 'unit',
    item_id     INTEGER NOT NULL DEFAULT 0,
    declared_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (unit_id, person_id, year)
) STRICT;
CREATE INDEX base_declarations_person ON base_declarations (person_id, unit_id, from_period);
CREATE INDEX base_declarations_year ON base_declarations (year, unit_id);

-- Individual back-pay (个人补收): one row per month of a back-pay item. A
-- month is held by at most one pending or approved row per person: racing
-- applications end with one winner.
CREATE TABLE backpay_months (
    item_id   INTEGER NOT NULL REFERENCES items (id),
    person_id INTEGER NOT NULL REFERENCES persons (id),
    unit_id   INTEGER NOT NULL REFERENCES units (id),
    period    INTEGER NOT NULL,
    status    TEXT    NOT NULL,
    base      INTEGER NOT NULL,
    employer  INTEGER NOT NULL,
    employee  INTEGER NOT NULL,
    late_days INTEGER NOT NULL DEFAULT 0,
    late_fee  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (item_id, period)
) STRICT;
CREATE UNIQUE INDEX backpay_months_held ON backpay_months (person_id, period) WHERE status <> 'released';
CREATE INDEX backpay_months_unit ON backpay_months (unit_id, period);

-- Catalogue: field changes, proofs of insurance -----------------------------

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

-- Office: employment-registration imports -----------------------------------

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

-- Batches: work from Excel workbooks ----------------------------------------

-- One row per uploaded workbook, kept with the file so that the annotated
-- workbook can be made from it again.
CREATE TABLE batches (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    kind           TEXT    NOT NULL,
    file_name      TEXT    NOT NULL DEFAULT '',
    file           BLOB    NOT NULL,
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
-- In reverse order of creation, so that no table is dropped while another
-- still references it. Indexes go with their tables.
DROP TABLE batch_rows;
DROP TABLE batches;
DROP TABLE employment_imports;
DROP TABLE proofs;
DROP TABLE proof_keys;
DROP TABLE field_changes;
DROP TABLE backpay_months;
DROP TABLE base_declarations;
DROP TABLE assessment_units;
DROP TABLE assessment_lines;
DROP TABLE assessment_periods;
DROP TABLE unit_rates;
DROP TABLE policies;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE decisions_seen;
DROP TABLE accounts;
DROP TABLE item_events;
DROP TABLE items;
DROP TABLE coverages;
DROP TABLE registrations;
DROP TABLE persons;
DROP TABLE terminals;
DROP TABLE units;
