-- Add the status as nullable, backfill, then enforce: no long lock on a large table.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS status text;
UPDATE orders SET status = 'placed' WHERE status IS NULL;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'placed';
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
