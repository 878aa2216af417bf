-- Base declarations (基数申报) and individual back-pay (个人补收), SQLite.
-- Keep in step with migrations/postgres/00005_contributions.sql.

-- +goose Up
-- One row per unit, person and declaration year: the base in force from
-- from_period on. The assessment of period P uses the row with the greatest
-- from_period <= P, and coverages.base when there is none.
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

-- One row per month of a back-pay item. A month is held by at most one
-- pending or approved row per person: racing applications end with one winner.
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

-- +goose Down
DROP TABLE backpay_months;
DROP TABLE base_declarations;
