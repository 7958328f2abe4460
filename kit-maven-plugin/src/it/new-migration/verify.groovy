// kit:new-migration wrote <UTC timestamp>_add_users.sql from the skeleton, and atlas.sum names it.
def dir = new File(basedir, 'services/orders/migrations')
def created = dir.listFiles().findAll { it.name ==~ /\d{14}_add_users\.sql/ }
assert created.size() == 1 : "expected one <yyyyMMddHHmmss>_add_users.sql in ${dir.list()}"
def sql = created[0].text
assert sql.startsWith("-- ${created[0].name - '.sql'}: ") : 'the skeleton names its version and name'
assert sql.contains('IF NOT EXISTS') && sql.contains('nullable') : 'the skeleton carries the safe-migration advice'
assert new File(dir, 'atlas.sum').text.contains("${created[0].name} h1:")
assert new File(basedir, 'services/orders/manifests/migrations/configmap.yaml').text.contains(created[0].name)

def log = new File(basedir, 'build.log').text
assert log.contains("kit: wrote ${created[0].absolutePath}") : 'the goal says what it wrote'
assert log.contains('[WARNING] kit: -Dname is deprecated; use -Dkit.name=add_users') : 'the old property name still works'
def path = "services/orders/migrations/${created[0].name}"
assert log.contains("kit: ${path}: has no SQL statement, only comments: write the migration's SQL, or delete the file") :
    'kit:check refuses the skeleton until it has SQL, naming the file'
assert !log.contains("Run 'mvn kit:generate'") : 'kit:new-migration left nothing to regenerate'

// The whole tree, byte for byte. The new file's version is the UTC time of the run, and atlas.sum hashes its name:
// the expected tree says @version@, and the two hashes that depend on it come from kit's AtlasSum of the files on disk
// (AtlasSum itself is held to directories Atlas wrote, in kit-core's AtlasSumConformanceTest).
def sum = dev.kit.migration.MigrationDirectory.read(dir.toPath()).sum()
dev.kit.maven.ExpectedTree.assertMatches(basedir, ['@version@': created[0].name.take(14),
    '@sum.total@': sum.total(), '@sum.new@': sum.entries().last().hash()])
