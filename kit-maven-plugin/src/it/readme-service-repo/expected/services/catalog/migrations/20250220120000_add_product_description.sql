-- A free-text description, nullable so existing rows need no backfill.
ALTER TABLE products ADD COLUMN IF NOT EXISTS description text;
