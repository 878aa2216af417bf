-- Contributions (issue 3), SQLite. Keep in step with
-- migrations/postgres/00002_contributions.sql. Money in fen, rates per
-- 100,000, periods yyyymm, timestamps unix microseconds UTC.

-- +goose Up
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
-- unique per coverage and period.
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

-- +goose Down
DROP TABLE assessment_units;
DROP TABLE assessment_lines;
DROP TABLE assessment_periods;
DROP TABLE unit_rates;
