-- ${version}_${name}: say in one line what this migration does and why.
--
-- Atlas applies this file once, in its own transaction<#if txMode??> (the Job runs with --tx-mode ${txMode})</#if>.
-- Keep it safe on a live database:
--   - make it idempotent: CREATE TABLE IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS;
--   - add a column as nullable, backfill it, and only then make it NOT NULL;
--   - CREATE INDEX CONCURRENTLY cannot run in a transaction: make "-- atlas:txmode none" the first line;
--   - once merged, never edit it: undo or fix it in a new migration.
-- Then run 'mvn kit:generate' to update atlas.sum and the migrations ConfigMap.

