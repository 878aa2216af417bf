-- Item lists filtered by status, by type or to the late enrollments read
-- through an index of their own, newest first, and stop at the page and the
-- count's cap instead of reading the unit's whole history until they have
-- them (docs/PERFORMANCE.md, "Item lists (stop 10)"). Keep in step with
-- migrations/sqlite/00014_item_lists.sql.
--
-- items_unit_late holds the late enrollments only (shebao.ItemNotes.Late in
-- the payload): its predicate is sqldb's lateOnly, and must stay written
-- exactly as the list writes it, or no list can use the index. Being built
-- from the payload, it covers the items stored before it as well as those
-- stored after, and nothing is added to an item's insert.
-- A list filtered by channel has no index: no page or API filters by it.

-- +goose Up
CREATE INDEX items_unit_status ON items (unit_id, status, created_at);
CREATE INDEX items_unit_type ON items (unit_id, type, created_at);
CREATE INDEX items_unit_late ON items (unit_id, created_at) WHERE payload LIKE '%"late_enrollment":{%';

-- +goose Down
DROP INDEX items_unit_late;
DROP INDEX items_unit_type;
DROP INDEX items_unit_status;
