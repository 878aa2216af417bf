-- Back-pay paid: staff record that a unit paid an approved back-pay item
-- (every month of the item at once). paid_at is unix microseconds UTC, 0 =
-- not recorded paid; paid_by is the staff account, 0 = none. Keep in step
-- with migrations/postgres/00002_backpay_paid.sql.

-- +goose Up
ALTER TABLE backpay_months ADD COLUMN paid_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE backpay_months ADD COLUMN paid_by INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE backpay_months DROP COLUMN paid_by;
ALTER TABLE backpay_months DROP COLUMN paid_at;
