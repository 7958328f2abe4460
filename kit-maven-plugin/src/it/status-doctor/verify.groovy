// Stop the mock cluster setup.groovy started, then check what each invocation printed (each one failed the build).
import groovy.json.JsonSlurper

def cluster = System.properties.remove('kit.it.status-doctor.cluster')
def requests = cluster.requests()
cluster.close()
def log = new File(basedir, 'build.log').text

// 1: the table, orders healthy, payments' failed migration at its file and line, and why its app is missing.
[
  'orders    Synced/Healthy @4d2a9c1                   2/2 ready, primary orders-cluster-1    20250101120000 applied',
  'payments  OutOfSync/Degraded @4d2a9c1, sync failed  1/1 ready, primary payments-cluster-1  failed: services/payments/migrations/20250301100000_add_amount.sql:4: pq: column "amount_minor" of relation "payments" contains null values  -        Deployment payments missing, Service payments missing',
  '✗ payments: Deployment payments missing (Missing)',
  '    the last sync of Application payments failed before it reached wave 0 (one or more synchronization tasks completed unsuccessfully): fix what failed (above), then argocd app sync payments',
  '1 of 2 services healthy; not healthy: payments (Degraded)',
  'Failed to execute goal dev.kit:kit-maven-plugin:0.1.0-SNAPSHOT:status (default-cli) on project status-doctor: kit: 1 of 2 services healthy; not healthy: payments (Degraded)',
].each { assert log.contains(it) : "kit:status did not print '$it'" }

// 2: the same as JSON, also written to the file for machines.
def json = new JsonSlurper().parse(new File(basedir, 'target/status.json'))
assert json.healthy == false
assert json.services*.service == ['orders', 'payments']
assert json.services*.health == ['Healthy', 'Degraded']
def job = json.services[1].objects.find { it.object == 'Job payments-migrate' }
assert job.facts.file == 'services/payments/migrations/20250301100000_add_amount.sql'
assert job.facts.line == 4
assert job.facts.error == 'pq: column "amount_minor" of relation "payments" contains null values'

// 3: the doctor's lines and summary.
[
  '✓ CRDs: the 2 kinds the tree needs are installed',
  '✗ StorageClass "standard" does not exist (orders): the cluster has gp3; name one of them in storage(size, class), or create it',
  '✗ ConfigMap argocd-cm (namespace argocd) missing: is Argo CD installed in namespace argocd? Install it, then kubectl apply --server-side -f platform/argocd-cm.yaml (or put its keys into your Argo CD Helm values, configs.cm); when Argo CD runs in a cluster of its own, name that cluster\'s context with -Dkit.argoContext=<context>',
  'on project status-doctor: kit: 2 of 5 checks failed',
].each { assert log.contains(it) : "kit:doctor did not print '$it'" }

// 4 and 5: a context that is not there, and no kubeconfig at all: one line each, with the fix.
[
  'on project status-doctor: kit: context "nope" is not in the kubeconfig kubeconfig; its contexts: shop-prod; pass -Dkit.context=<one of them>, or leave it out for the current context',
  'on project status-doctor: kit: no Kubernetes configuration: no kubeconfig at no-such-kubeconfig and not running inside a cluster',
  // 6: an environment the description does not have, refused before any request.
  'on project status-doctor: kit: -Dkit.environment=prod, but the description has no environments; leave -Dkit.environment out',
  // 7: a format kit does not write, refused before any request.
  'on project status-doctor: kit: -Dkit.format=yaml is not a format; use text or json',
].each { assert log.contains(it) : "the goal did not fail with '$it'" }
// The goals only read: every request they sent the cluster was a GET.
assert requests.any { it == 'GET /api/v1/namespaces/payments/pods/payments-migrate-w8r5t/log?pretty=false&container=atlas&tailLines=400' }
assert requests.every { it.startsWith('GET ') } : "a goal sent a write: ${requests.findAll { !it.startsWith('GET ') }}"
return true
