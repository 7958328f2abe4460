-- ${version}_${name}: say in one line what this migration does and why.

<#-- The empty line above ends the file header, where Atlas reads directives; the advice below names
     atlas:txmode and must stay out of it. txMode is the service's --tx-mode, absent for Atlas's default (file). -->
<#if txMode! == "none">
-- Atlas applies this file once, without a transaction (Atlas runs with --tx-mode none): a statement that fails
-- leaves the ones before it applied, so each must be safe to run again.
<#elseif txMode! == "all">
-- Atlas applies this file once, in one transaction with every other pending file (Atlas runs with --tx-mode all):
-- a statement that fails rolls back all of them.
<#else>
-- Atlas applies this file once, in its own transaction<#if txMode??> (Atlas runs with --tx-mode ${txMode})</#if>.
</#if>
-- Keep it safe on a live database (mvn kit:check and kit:verify lint for these):
--   - make it idempotent: CREATE TABLE IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS;
--   - add a column as nullable, backfill it, and only then make it NOT NULL;
<#if txMode! == "all">
--   - CREATE INDEX CONCURRENTLY cannot run in a transaction, and Atlas refuses "-- atlas:txmode none" under
--     --tx-mode all: set the service's tx mode to FILE first (migrations(m -> m.txMode(TxMode.FILE)));
<#elseif txMode! != "none">
--   - CREATE INDEX CONCURRENTLY cannot run in a transaction: put "-- atlas:txmode none" above the first line,
--     so that it is part of the header that the empty line ends;
</#if>
--   - once merged, never edit it: undo or fix it in a new migration (mvn kit:new-migration -Dkit.revert=<version>).
-- Then run 'mvn kit:generate' to update atlas.sum and the migrations ConfigMap, and 'mvn kit:verify' to try it.
