-- Products for sale; prices in cents.
CREATE TABLE IF NOT EXISTS products (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku         text        NOT NULL UNIQUE,
  name        text        NOT NULL,
  price_cents bigint      NOT NULL CHECK (price_cents >= 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);
