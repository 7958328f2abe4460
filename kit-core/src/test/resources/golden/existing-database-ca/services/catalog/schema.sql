CREATE TABLE products (
  id    bigint PRIMARY KEY,
  name  text   NOT NULL,
  price_cents bigint NOT NULL CHECK (price_cents >= 0)
);
