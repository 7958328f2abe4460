-- Amounts in minor units.
ALTER TABLE payments ADD COLUMN IF NOT EXISTS amount_minor bigint;

ALTER TABLE payments ALTER COLUMN amount_minor SET NOT NULL;
