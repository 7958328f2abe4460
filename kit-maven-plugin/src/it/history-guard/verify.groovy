// The edited migration is named, with why and how to fix it, before anything about regenerating.
def log = new File(basedir, 'build.log').text
assert log.contains('kit: migrations already at main must not change:')
assert log.contains('history: services/orders/migrations/20250101120000_create_orders.sql changed since main; '
    + 'databases that applied it would fail with an atlas.sum checksum mismatch')
assert !log.contains('20250215093000_add_order_status.sql changed') : 'only the edited migration is named'
