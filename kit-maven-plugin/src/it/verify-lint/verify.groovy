// The finding names the file and line, the rule id and Atlas's code, why, and the fix.
def log = new File(basedir, 'build.log').text
assert log.contains('services/orders/migrations/20250301000000_drop_items.sql:2: error DROP_TABLE (DS102): drops table '
    + 'public.order_items and every row in it. Fix: ')
assert log.contains("silence a lint rule for one statement with '-- kit:nolint RULE' above it")
