-- Keeps the version in step with migrations/sqlite/00015_coverages_unit_cover.sql,
-- which widens SQLite's coverages_unit_status so that the district
-- assessment reads coverages from the index alone. PostgreSQL reads a
-- chunk's coverages by their unit range and hashes them
-- (docs/PERFORMANCE.md, "The district assessment"): nothing changes here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
