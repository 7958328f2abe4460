-- Stock per SKU and warehouse; quantities never go below zero.
CREATE TABLE IF NOT EXISTS stock (
  sku        text        NOT NULL,
  warehouse  text        NOT NULL,
  quantity   integer     NOT NULL CHECK (quantity >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sku, warehouse)
);
