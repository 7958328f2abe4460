-- kit:revert 20250215093000
-- Reverts 20250215093000_add_order_status.sql, derived by kit from the catalog before and after it on PostgreSQL 17.11.
-- Review it before merging; kit:verify proves that it restores what 20250215093000 changed.
-- What it cannot undo:
-- kit:irreversible data: line 3 (UPDATE) changed rows, which the catalog does not record; undo it by hand if it matters
-- kit:irreversible values of column public.orders.status: dropping it deletes the values written to it since 20250215093000; copy them first if they matter

-- kit:nolint DROP_COLUMN: the reverted migration added it
ALTER TABLE public.orders DROP COLUMN IF EXISTS status;
