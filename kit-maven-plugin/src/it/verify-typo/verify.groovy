// PostgreSQL's message at the migration's file, line and column (the column of "totl_cents" on line 3).
def log = new File(basedir, 'build.log').text
assert log.contains('services/orders/migrations/20250301000000_add_discount.sql:3:44: ERROR: column "totl_cents" does not exist')
assert log.contains('kit: PostgreSQL 17.') && log.contains(' started in ') : 'start-up is reported'
assert log.contains('kit: orders: failed on PostgreSQL 17.11 after 3 migrations (') : 'the three sample migrations applied'
assert !log.contains('replayed from an empty database') : 'no replay after a failed first run'
// A statement PostgreSQL refused: no lint rule to silence.
assert log.contains("Fix the migration, then run 'mvn kit:verify' again.")
assert !log.contains('silence a lint rule') : 'the footer offers -- kit:nolint only where a lint finding failed'
