// The down migration drops the column the reverted migration added, lists the backfill it cannot undo,
// and kit:verify proves it restores the catalog.
def dir = new File(basedir, 'services/orders/migrations')
def written = dir.listFiles().findAll { it.name ==~ /\d{14}_revert_20250215093000\.sql/ }
assert written.size() == 1 : "expected one <yyyyMMddHHmmss>_revert_20250215093000.sql in ${dir.list()}"
def sql = written[0].text
assert sql.startsWith('-- kit:revert 20250215093000\n')
assert sql.contains('-- kit:irreversible data: line 3 (UPDATE) changed rows')
assert sql.contains('-- kit:nolint DROP_COLUMN: the reverted migration added it\nALTER TABLE public.orders DROP COLUMN IF EXISTS status;')
assert new File(dir, 'atlas.sum').text.contains("${written[0].name} h1:")

def log = new File(basedir, 'build.log').text
assert log.contains("kit: wrote ${written[0].absolutePath}, which reverts 20250215093000")
assert log.contains('kit: it cannot undo 2 change(s), listed in the file:')
assert log.contains("services/orders/migrations/${written[0].name} restores the 1 catalog objects 20250215093000_add_order_status.sql changed")
assert log.contains('kit: 1 service verified:')
// 3: the bad -Dkit.service is named as typed, not as a path of the description; the tree below is unchanged.
assert log.contains('on project new-migration-revert: kit: -Dkit.service: there is no service "ordrs" (use one of [orders])')

// The whole tree, byte for byte. The new file's version is the UTC time of the run, and atlas.sum hashes its name:
// the expected tree says @version@, and the two hashes that depend on it come from kit's AtlasSum of the files on disk
// (AtlasSum itself is held to directories Atlas wrote, in kit-core's AtlasSumConformanceTest).
def sum = dev.kit.migration.MigrationDirectory.read(dir.toPath()).sum()
dev.kit.maven.ExpectedTree.assertMatches(basedir, ['@version@': written[0].name.take(14),
    '@sum.total@': sum.total(), '@sum.new@': sum.entries().last().hash()])
