// Invocation 1 (verify) fails on the stale tree, 2 (kit:generate) fixes it, 3 (verify) passes.
def log = new File(basedir, 'build.log').text
def failure = log.substring(0, log.indexOf(':generate (default-cli)'))
[
  '  missing: platform/argocd-cm.yaml',
  '  missing: services/orders/atlas.hcl',
  '  missing: services/orders/manifests/migrations/job.yaml',
  '  missing: services/orders/migrations/atlas.sum',
  '  stale: services/orders/application.yaml',
  '  extra: services/legacy/application.yaml',
  "Run 'mvn kit:generate' to update 9 files.",
].each { assert failure.contains(it) : "the kit:check failure does not say '$it'" }
// Before failing, the check logs what kit:generate would change, as a unified diff per file.
['[ERROR] --- a/services/orders/application.yaml', '[ERROR] -  project: outdated', '[ERROR] +  project: default',
 '[ERROR] --- a/services/legacy/application.yaml', '[ERROR] +++ /dev/null',
].each { assert failure.contains(it) : "the kit:check diff does not show '$it'" }

assert log.contains('kit: 7 created, 1 updated, 1 deleted, 0 unchanged (from it.kit.ShopServices)')
assert log.contains('kit: 8 generated files are up to date.')
assert !new File(basedir, 'services/legacy').exists() : 'kit:generate left the stale services/legacy behind'
assert new File(basedir, 'services/orders/application.yaml').text.contains('targetRevision: main')

// The tree kit:generate left (services/legacy gone), byte for byte.
dev.kit.maven.ExpectedTree.assertMatches(basedir)
