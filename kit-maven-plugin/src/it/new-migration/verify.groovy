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
assert log.contains("kit: wrote ${created[0].absolutePath}") || log.contains("kit: wrote ") : 'the goal says what it wrote'
assert log.contains('kit: 8 generated files are up to date.') : 'kit:check passes right after kit:new-migration'
