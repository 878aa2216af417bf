-- Items keep the ID number as submitted, so that a refusal for a number
-- unknown to the district still shows which number was refused.

-- +goose Up
ALTER TABLE items ADD COLUMN id_number TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE items DROP COLUMN id_number;
