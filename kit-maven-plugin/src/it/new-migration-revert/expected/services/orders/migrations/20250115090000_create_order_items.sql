-- The lines of an order; deleting an order deletes its lines.
CREATE TABLE IF NOT EXISTS order_items (
  order_id    bigint  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line        integer NOT NULL,
  sku         text    NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  price_cents bigint  NOT NULL CHECK (price_cents >= 0),
  PRIMARY KEY (order_id, line)
);
