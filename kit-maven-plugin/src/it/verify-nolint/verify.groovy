def log = new File(basedir, 'build.log').text
assert !log.contains('DROP_TABLE') : 'the finding is silenced'
assert log.contains('kit: orders: 4 migrations, 7 statements on PostgreSQL 17.')
assert log.contains('replayed from an empty database in ')
assert log.contains('kit: 1 service verified: 1 lint warning.') : 'the sample\'s SET NOT NULL stays a warning'
