-- atlas:txmode none

-- CONCURRENTLY cannot run in a transaction, hence the directive above (Atlas reads it only when an empty line follows).
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_order_id_idx ON payments (order_id);
