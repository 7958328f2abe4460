def log = new File(basedir, 'build.log').text
// 2: kit:generate -Dkit.skip says so and writes nothing (step 3 still finds the deleted file missing).
assert log.contains('kit: skipped (kit.skip=true)')
assert log.count(' created, ') == 1 : 'only the first kit:generate generated'
assert log.contains('  missing: services/orders/manifests/migrations/job.yaml')
assert log.contains("Run 'mvn kit:generate' to update 1 file.")
assert !log.contains('  stale: ') : 'nothing else drifted'

// The generated tree without the deleted job.yaml: kit:check wrote nothing.
dev.kit.maven.ExpectedTree.assertMatches(basedir)
