// Starts fabric8's mock Kubernetes API (CRUD mode) in this JVM, with the upstream CRDs and cluster/ seeded, and
// points a kubeconfig at it; verify.groovy stops it. The classes come from the plugin's test class path.
import dev.kit.status.testing.MockCluster
import java.nio.file.Path

def mock = MockCluster.withCrds(Path.of(kitTestData, 'crds')).seed(basedir.toPath().resolve('cluster'))
mock.kubeconfig(basedir.toPath().resolve('kubeconfig'), 'shop-prod')
mock.requests() // the seeding's; verify.groovy reads the goals' own
System.properties.put('kit.it.status-doctor.cluster', mock)
return true
