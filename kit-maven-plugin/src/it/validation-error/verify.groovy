// An invalid description fails the build with every violation, and nothing is written.
def log = new File(basedir, 'build.log').text
assert log.contains('2 problems in the kit description; nothing was written:')
assert log.contains('services[orders].database.storage.size: "10GB" is not a Kubernetes quantity (try "10Gi")')
assert log.contains('services[orders].database.instances: 0 is less than 1')
assert !new File(basedir, 'services/orders/application.yaml').exists()
assert !new File(basedir, 'services/orders/migrations/atlas.sum').exists()

// Nothing was written: the tree is the migrations it started with.
dev.kit.maven.ExpectedTree.assertMatches(basedir)
