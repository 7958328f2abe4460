// Invocation 1 prints the diff field by field, ignoring the destination and the names that carry the environment;
// invocation 2 names the environments there are. kit:diff writes nothing.
def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def first = log.substring(0, log.indexOf('no environment'))
[
  '[INFO] kit: staging -> prod (ignoring destinations and names that carry the environment)',
  '[INFO] services[orders]: 2 files differ',
  '[INFO]   application.yaml (Application orders-<environment>)',
  '[INFO]     /spec/source/targetRevision: "main" -> "release"',
  '[INFO]   manifests/database/cluster.yaml (Cluster orders-cluster)',
  '[INFO]     /spec/instances: 1 -> 3',
  '[INFO]     /spec/storage/size: "5Gi" -> "50Gi"',
  '[INFO] platform: no differences',
].each { assert first.contains(it + '\n') : "kit:diff does not print '$it'" }
assert !first.contains('destination') || !first.contains('prod-eu') : 'the destination must be ignored'
assert log.contains('kit: -Dkit.from: no environment "stage" (use one of staging, prod)')
assert !log.contains('in the kit description') : 'a parameter is not the description, nor said twice'
assert !new File(basedir, 'services/orders/envs').exists() : 'kit:diff wrote files'
