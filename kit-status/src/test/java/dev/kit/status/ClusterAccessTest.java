package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that cannot be read fails with one line that says why and what to do: no configuration,
 * an unknown context, nothing listening, rejected credentials, a missing permission (named with its
 * verb and resource).
 */
class ClusterAccessTest {

  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static MockCluster mock;
  private String kubeconfigBefore;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    mock = MockCluster.empty();
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void keepKubeconfig() {
    assumeTrue(System.getenv("KUBERNETES_SERVICE_HOST") == null, "runs outside a cluster");
    kubeconfigBefore = System.getProperty("kubeconfig");
  }

  @AfterEach
  void restoreKubeconfig() {
    if (kubeconfigBefore == null) {
      System.clearProperty("kubeconfig");
    } else {
      System.setProperty("kubeconfig", kubeconfigBefore);
    }
  }

  @Test
  void connect_failsWithOneLine_whenThereIsNoKubeconfigAndNoCluster() {
    System.setProperty("kubeconfig", dir.resolve("nowhere/config").toString());

    assertThatThrownBy(() -> ClusterStatus.connect(Optional.empty()))
        .isInstanceOf(ClusterAccessException.class)
        .hasMessage(
            "kit: no Kubernetes configuration: no kubeconfig at "
                + dir.resolve("nowhere/config")
                + " and not running inside a cluster; create one (kubectl config, your cloud's get-credentials command),"
                + " or set KUBECONFIG or -Dkubeconfig=<file>");
  }

  @Test
  void connect_failsNamingTheContexts_whenTheContextIsNotInTheKubeconfig() {
    Path kubeconfig = mock.kubeconfig(dir.resolve("config"), "kind-kit");
    System.setProperty("kubeconfig", kubeconfig.toString());

    // fabric8 alone would quietly use the current context instead.
    assertThatThrownBy(() -> ClusterStatus.connect(Optional.of("nope")))
        .isInstanceOf(ClusterAccessException.class)
        .hasMessage(
            "kit: context \"nope\" is not in the kubeconfig "
                + kubeconfig
                + "; its contexts: kind-kit;"
                + " pass -Dkit.context=<one of them>, or leave it out for the current context");
  }

  @Test
  void connect_namesKitArgoContext_whenArgoCdsContextIsNotInTheKubeconfig() {
    Path kubeconfig = mock.kubeconfig(dir.resolve("config"), "kind-kit");
    System.setProperty("kubeconfig", kubeconfig.toString());

    assertThatThrownBy(() -> ClusterStatus.connect(Optional.empty(), Optional.of("argocd")))
        .isInstanceOf(ClusterAccessException.class)
        .hasMessage(
            "kit: context \"argocd\" is not in the kubeconfig "
                + kubeconfig
                + "; its contexts: kind-kit; pass -Dkit.argoContext=<one of them>, or leave it out"
                + " when Argo CD runs in kit.context's cluster");
  }

  @Test
  void status_failsWithOneLine_whenNothingListensAtTheServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path kubeconfig = dir.resolve("config");
    java.nio.file.Files.writeString(
        kubeconfig,
        java.nio.file.Files.readString(mock.kubeconfig(dir.resolve("mock"), "kind-kit"))
            .replace(mock.url(), "http://127.0.0.1:" + port));
    System.setProperty("kubeconfig", kubeconfig.toString());

    try (ClusterStatus cluster = ClusterStatus.connect(Optional.empty())) {
      assertThatThrownBy(
              () -> cluster.environment("prod").status(new Shop().describe(), Shop.plan()))
          .isInstanceOf(ClusterAccessException.class)
          .hasMessage(
              "kit: cannot reach the Kubernetes API at http://127.0.0.1:"
                  + port
                  + " (context kind-kit): connection"
                  + " refused; is the cluster running and the context right? (kubectl config current-context,"
                  + " -Dkit.context=<name>)");
    }
  }

  @Test
  void status_failsWithOneLine_whenTheCredentialsAreRejected() {
    MockCluster rejecting =
        MockCluster.empty().answer(CRDS, 401, status(401, "Unauthorized", "Unauthorized"));
    try (rejecting) {
      System.setProperty(
          "kubeconfig", rejecting.kubeconfig(dir.resolve("config"), "prod").toString());
      try (ClusterStatus cluster = ClusterStatus.connect(Optional.of("prod"))) {
        assertThatThrownBy(
                () -> cluster.environment("prod").status(new Shop().describe(), Shop.plan()))
            .isInstanceOf(ClusterAccessException.class)
            .hasMessage(
                "kit: the Kubernetes API at "
                    + rejecting.url()
                    + " (context prod) rejected the credentials"
                    + " (401 Unauthorized) when kit tried to list customresourcedefinitions.apiextensions.k8s.io: log in again"
                    + " or refresh the token of this context (kubectl get namespaces fails the same way until then)");
      }
    }
  }

  @Test
  void doctor_failsNamingVerbAndResource_whenAPermissionIsMissing() {
    MockCluster forbidding =
        MockCluster.empty()
            .answer(
                CRDS,
                403,
                status(
                    403,
                    "Forbidden",
                    "customresourcedefinitions.apiextensions.k8s.io is forbidden: User \"system:serviceaccount:ci:kit\" cannot list"
                        + " resource \"customresourcedefinitions\" in API group \"apiextensions.k8s.io\" at the cluster scope"));
    try (forbidding;
        ClusterStatus cluster = ClusterStatus.of(forbidding.client())) {
      assertThatThrownBy(
              () -> cluster.environment("prod").doctor(new Shop().describe(), Shop.plan()))
          .isInstanceOf(ClusterAccessException.class)
          .hasMessage(
              "kit: forbidden: user \"system:serviceaccount:ci:kit\" cannot list"
                  + " customresourcedefinitions.apiextensions.k8s.io (403): grant it, for example with the read-only"
                  + " ClusterRole in kit's README (\"Live status\"); check with kubectl auth can-i list"
                  + " customresourcedefinitions.apiextensions.k8s.io")
          .satisfies(e -> assertThat(((ClusterAccessException) e).forbidden()).isTrue());
    }
  }

  @Test
  void get_namesTheNamespace_whenReadingANamespacedObjectIsForbidden() {
    mock.answer(
        "/apis/batch/v1/namespaces/payments/jobs/payments-migrate",
        403,
        status(
            403,
            "Forbidden",
            "jobs.batch \"payments-migrate\" is forbidden: User \"dev\" cannot get resource \"jobs\" in API group \"batch\""
                + " in the namespace \"payments\""));
    ReadOnlyCluster cluster =
        new ReadOnlyCluster(mock.client(), "the Kubernetes API at " + mock.url());

    assertThatThrownBy(() -> cluster.get("batch/v1", "Job", "payments", "payments-migrate"))
        .isInstanceOf(ClusterAccessException.class)
        .hasMessage(
            "kit: forbidden: user \"dev\" cannot get jobs.batch in namespace payments (403): grant it, for example"
                + " with the read-only ClusterRole in kit's README (\"Live status\"); check with kubectl auth can-i get"
                + " jobs.batch -n payments");
  }

  @Test
  void doctor_reportsTheSecretItCannotRead_andGoesOn_whenGetOnSecretsIsForbidden() {
    mock.answer(
        "/api/v1/namespaces/orders/secrets/orders-backup-s3",
        403,
        status(
            403,
            "Forbidden",
            "secrets \"orders-backup-s3\" is forbidden: User \"dev\" cannot get resource \"secrets\" in API group \"\" in the"
                + " namespace \"orders\""));
    try (ClusterStatus cluster = ClusterStatus.of(mock.client())) {
      DoctorReport report = cluster.environment("prod").doctor(new Shop().describe(), Shop.plan());

      assertThat(report.checks())
          .extracting(DoctorCheck::line)
          .contains(
              "✗ cannot read Secret orders-backup-s3 (namespace"
                  + " orders): forbidden (orders): kit:doctor needs get on secrets to check their keys (it reads key names, never a"
                  + " value), or check it yourself: kubectl get secret orders-backup-s3 -n orders");
    }
  }

  private static String status(int code, String reason, String message) {
    return """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"%s","reason":"%s","code":%d}"""
        .formatted(message.replace("\"", "\\\""), reason, code);
  }
}
