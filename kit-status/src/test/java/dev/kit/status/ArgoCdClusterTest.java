package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prod shop with Argo CD in a cluster of its own, as kit's output deploys it: Argo CD's cluster
 * holds the Applications, the AppProject, {@code argocd-cm} and Argo CD itself; the environment's
 * cluster, their destination, holds everything they deploy and no Argo CD kind at all. Read with
 * both clients, each goal says what it says of the shop in one cluster, and asks each cluster only
 * for what it holds.
 */
class ArgoCdClusterTest {

  private static final Kit KIT = new Shop().describe();
  private static final List<String> ARGO_CD_CRDS =
      List.of("applications.argoproj.io", "applicationsets.argoproj.io", "appprojects.argoproj.io");

  private static final String ARGO_CD_ELSEWHERE =
      "is -Dkit.argoContext the context of Argo CD's cluster? If it is, install Argo CD there";

  private static FilePlan plan;
  private static MockCluster oneCluster;
  private static MockCluster environment;
  private static MockCluster argoCd;
  private static StatusReport status;
  private static DoctorReport doctor;
  private static List<String> environmentRequests;
  private static List<String> argoCdRequests;

  @BeforeAll
  static void splitTheShop() {
    plan = Shop.plan();
    oneCluster = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "prod");
    environment = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "prod");
    argoCd = argoCdOnly();
    KubernetesClient from = environment.client();
    for (HasMetadata object :
        Stream.of(
                from.genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                    .inAnyNamespace()
                    .list()
                    .getItems(),
                from.genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
                    .inAnyNamespace()
                    .list()
                    .getItems(),
                List.of(
                    from.configMaps().inNamespace("argocd").withName("argocd-cm").get(),
                    from.apps()
                        .deployments()
                        .inNamespace("argocd")
                        .withName("argocd-server")
                        .get()))
            .flatMap(List::stream)
            .map(HasMetadata.class::cast)
            .toList()) {
      move(object);
    }
    ARGO_CD_CRDS.forEach(environment::deleteCrd);
    environment.requests();
    argoCd.requests();
    ClusterStatus cluster =
        ClusterStatus.of(environment.client(), argoCd.client())
            .clock(ShopCluster.clock())
            .repository(Shop.repository())
            .environment("prod");
    status = cluster.status(KIT, plan);
    doctor = cluster.doctor(KIT, plan);
    environmentRequests = environment.requests();
    argoCdRequests = argoCd.requests();
  }

  @AfterAll
  static void stop() {
    oneCluster.close();
    environment.close();
    argoCd.close();
  }

  @Test
  void status_isWhatOneClusterSays_whenArgoCdRunsInItsOwnCluster() {
    StatusReport inOne = inOneCluster().status(KIT, plan);

    assertThat(status.table()).isEqualTo(inOne.table());
    assertThat(status.json()).isEqualTo(inOne.json());
  }

  @Test
  void doctor_isWhatOneClusterSays_whenArgoCdRunsInItsOwnCluster() {
    assertThat(doctor.text()).isEqualTo(inOneCluster().doctor(KIT, plan).text());
  }

  @Test
  void eachCluster_isAskedOnlyForWhatItHolds() {
    assertThat(environmentRequests)
        .isNotEmpty()
        .noneMatch(request -> request.contains("/apis/argoproj.io/"))
        .noneMatch(request -> request.contains("argocd-cm"));
    assertThat(argoCdRequests)
        .anyMatch(request -> request.contains("/apis/argoproj.io/"))
        .anyMatch(request -> request.contains("/configmaps/argocd-cm"))
        .noneMatch(request -> request.contains("/apis/postgresql.cnpg.io/"))
        .noneMatch(request -> request.contains("/deployments?labelSelector="));
  }

  @Test
  void doctor_readWithTheEnvironmentsClusterAlone_asksForArgoCdsCrd() {
    // What one context for both did: the destination has no Application CRD, and needs none.
    DoctorReport alone =
        ClusterStatus.of(environment.client())
            .clock(ShopCluster.clock())
            .repository(Shop.repository())
            .environment("prod")
            .doctor(KIT, plan);

    assertThat(alone.checks())
        .filteredOn(check -> check.text().equals("CRD applications.argoproj.io missing"))
        .extracting(DoctorCheck::fix)
        .containsExactly(
            "install Argo CD in this cluster, or, when it runs in a cluster of its own, name that"
                + " cluster's context with -Dkit.argoContext=<context>");
    assertThat(doctor.text()).doesNotContain("applications.argoproj.io");
  }

  @Test
  void doctor_namesArgoCdsCluster_whenItLacksTheApplicationCrd() {
    try (MockCluster noArgoCd = MockCluster.empty()) {
      DoctorReport report =
          ClusterStatus.of(environment.client(), noArgoCd.client())
              .clock(ShopCluster.clock())
              .repository(Shop.repository())
              .environment("prod")
              .doctor(KIT, plan);

      List<DoctorCheck> crds =
          report.checks().stream().filter(check -> check.text().startsWith("CRD ")).toList();

      assertThat(crds)
          .extracting(DoctorCheck::text)
          .containsExactly(
              "CRD appprojects.argoproj.io missing in Argo CD's cluster",
              "CRD applications.argoproj.io missing in Argo CD's cluster");
      assertThat(crds).extracting(DoctorCheck::fix).containsOnly(ARGO_CD_ELSEWHERE);
    }
  }

  private static ClusterStatus inOneCluster() {
    return ClusterStatus.of(oneCluster.client())
        .clock(ShopCluster.clock())
        .repository(Shop.repository())
        .environment("prod");
  }

  /** A cluster with Argo CD's CRDs and nothing else. */
  private static MockCluster argoCdOnly() {
    MockCluster cluster = MockCluster.empty();
    try (Stream<Path> files = Files.list(TestData.resolve("crds").resolve("argoproj.io"))) {
      for (Path file : files.sorted().toList()) {
        cluster.createCrd(Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cluster;
  }

  /** Creates {@code object}, status and all, in Argo CD's cluster and deletes it from the other. */
  private static void move(HasMetadata object) {
    ObjectMeta metadata = object.getMetadata();
    metadata.setResourceVersion(null);
    metadata.setUid(null);
    metadata.setCreationTimestamp(null);
    metadata.setManagedFields(null);
    metadata.setGeneration(null);
    environment.client().resource(object).delete();
    argoCd.seed(environment.client().getKubernetesSerialization().asYaml(object));
  }
}
