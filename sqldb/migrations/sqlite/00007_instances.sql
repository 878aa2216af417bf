-- Several instances on one database (docs/OPERATIONS.md). Keep in step with
-- migrations/postgres/00007_instances.sql.
--
-- secrets holds the keys every instance must share, made once by whichever
-- instance needs one first (the login form's CSRF key).
-- batches.lease_owner / lease_until: the instance applying a batch holds a
-- lease it renews every chunk of rows; a batch whose lease ran out (its
-- instance was killed) is claimed and finished by another.

-- +goose Up
CREATE TABLE secrets (
    name       TEXT    PRIMARY KEY,
    secret     BLOB    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

ALTER TABLE batches ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE batches ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE batches DROP COLUMN lease_until;
ALTER TABLE batches DROP COLUMN lease_owner;
DROP TABLE secrets;
