CREATE TABLE products (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
