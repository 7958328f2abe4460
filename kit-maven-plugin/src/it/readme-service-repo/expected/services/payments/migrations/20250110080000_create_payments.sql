-- One row per payment attempt; amounts in minor units of the currency.
CREATE TABLE IF NOT EXISTS payments (
  id           uuid        PRIMARY KEY,
  order_id     bigint      NOT NULL,
  amount_minor bigint      NOT NULL CHECK (amount_minor > 0),
  currency     char(3)     NOT NULL,
  state        text        NOT NULL DEFAULT 'pending',
  created_at   timestamptz NOT NULL DEFAULT now()
);
