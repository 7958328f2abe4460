def log = new File(basedir, 'build.log').text
assert log.contains('  missing: services/orders/manifests/migrations/job.yaml')
assert log.contains("Run 'mvn kit:generate' to update 1 file.")
assert !log.contains('  stale: ') : 'nothing else drifted'

// The generated tree without the deleted job.yaml: kit:check wrote nothing.
dev.kit.maven.ExpectedTree.assertMatches(basedir)
