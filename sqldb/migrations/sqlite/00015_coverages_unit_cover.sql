-- The district assessment reads each unit's coverages from
-- coverages_unit_status alone: the index holds every column the statement
-- reads, ordered by id within a unit and status as the table's rows are,
-- so the statement never reads the table and writes its lines in key
-- order whatever the table's layout (docs/PERFORMANCE.md, "The assessment
-- (stop 10, branch s10-assess)"). Its prefix (unit_id, status) serves every
-- query that used the old index. PostgreSQL hashes the chunk's coverages
-- and keeps its index: migrations/postgres/00015_coverages_unit_cover.sql
-- changes nothing.

-- +goose Up
DROP INDEX coverages_unit_status;
CREATE INDEX coverages_unit_status ON coverages
    (unit_id, status, id, first_period, last_period, insurance, base, person_id, item_id);

-- +goose Down
DROP INDEX coverages_unit_status;
CREATE INDEX coverages_unit_status ON coverages (unit_id, status);
