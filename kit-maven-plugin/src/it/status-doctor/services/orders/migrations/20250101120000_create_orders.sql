CREATE TABLE IF NOT EXISTS orders (
  id         bigint      PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
