-- Discounts per order, in minor units.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS discount_cents bigint NOT NULL DEFAULT 0;
UPDATE orders SET discount_cents = 0 WHERE totl_cents > 0;
