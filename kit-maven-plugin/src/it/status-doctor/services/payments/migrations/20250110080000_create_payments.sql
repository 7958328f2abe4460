CREATE TABLE IF NOT EXISTS payments (
  id       uuid   PRIMARY KEY,
  order_id bigint NOT NULL
);
