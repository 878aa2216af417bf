-- Stop 9's gaps (docs/RULES.md). Keep in step with
-- migrations/sqlite/00012_gaps.sql.
--
-- batch_rows.legacy_id_number: the legacy 15-digit ID number typed in a
-- clerk's batch row, which id_number was converted from ('' for none).

-- +goose Up
ALTER TABLE batch_rows ADD COLUMN legacy_id_number TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE batch_rows DROP COLUMN legacy_id_number;
