-- Stop 9's gaps (docs/RULES.md). Keep in step with
-- migrations/postgres/00012_gaps.sql.
--
-- batch_rows.legacy_id_number: the legacy 15-digit ID number typed in a
-- clerk's batch row, which id_number was converted from ('' for none).
-- backpay_months.paid_fen: the amount (fen) staff recorded a unit paid for
-- a whole back-pay item when marking it paid by hand, on each of its
-- months as paid_at is; 0 when not so recorded (docs/COLLECTION.md).

-- +goose Up
ALTER TABLE batch_rows ADD COLUMN legacy_id_number TEXT NOT NULL DEFAULT '';
ALTER TABLE backpay_months ADD COLUMN paid_fen INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE backpay_months DROP COLUMN paid_fen;
ALTER TABLE batch_rows DROP COLUMN legacy_id_number;
