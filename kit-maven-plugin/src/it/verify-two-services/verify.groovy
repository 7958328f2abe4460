// One server for both services; each history applies and replays on databases of its own.
def log = new File(basedir, 'build.log').text
assert log.count('kit: PostgreSQL 17.') == 1 : 'one server for the two services of PostgreSQL 17'
assert log.contains('kit: orders: 1 migrations, 1 statements on PostgreSQL 17.')
assert log.contains('kit: payments: 1 migrations, 1 statements on PostgreSQL 17.')
assert log.contains('kit: 2 services verified: ')
