-- @version@_add_users: say in one line what this migration does and why.

-- Atlas applies this file once, in its own transaction.
-- Keep it safe on a live database (mvn kit:check and kit:verify lint for these):
--   - make it idempotent: CREATE TABLE IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS;
--   - add a column as nullable, backfill it, and only then make it NOT NULL;
--   - CREATE INDEX CONCURRENTLY cannot run in a transaction: put "-- atlas:txmode none" above the first line,
--     so that it is part of the header that the empty line ends;
--   - once merged, never edit it: undo or fix it in a new migration (mvn kit:new-migration -Dkit.revert=<version>).
-- Then run 'mvn kit:generate' to update atlas.sum and the migrations ConfigMap, and 'mvn kit:verify' to try it.
