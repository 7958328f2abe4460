package dev.kit.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.testing.Expected;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's shop against each environment's seeded cluster ({@link ShopCluster}; prod: orders
 * healthy, payments broken three ways, catalog on its way, inventory healthy on PlanetScale; dev:
 * all healthy, a commit ahead): the exact table, JSON and doctor lines, with the environment's
 * column; and every request either goal sends is a GET.
 */
class ShopStatusTest {

  private static MockCluster mock;
  private static MockCluster dev;
  private static final Kit KIT = new Shop().describe();
  private static FilePlan plan;

  @BeforeAll
  static void seed() {
    mock = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "prod");
    dev = ShopCluster.start(TestData.resolve("crds"), Shop.repository(), "dev");
    plan = Shop.plan();
  }

  @AfterAll
  static void stop() {
    mock.close();
    dev.close();
  }

  /** prod's cluster, read as prod. */
  private static ClusterStatus cluster() {
    return ClusterStatus.of(mock.client())
        .clock(ShopCluster.clock())
        .repository(Shop.repository())
        .environment("prod");
  }

  private static ClusterStatus devCluster() {
    return ClusterStatus.of(dev.client())
        .clock(ShopCluster.clock())
        .repository(Shop.repository())
        .environment("dev");
  }

  @Test
  void table_isExactlyTheExpected_forTheSeededShop() {
    StatusReport report = cluster().status(KIT, plan);

    Expected.assertEquals("shop-prod-status.txt", report.table());
    assertThat(report.table())
        .startsWith("service    env   argo ")
        .contains("\norders     prod  Synced/Healthy @9f2c1e4 ");
    assertThat(report.healthy()).isFalse();
    assertThat(report.services())
        .extracting(ServiceStatus::service, ServiceStatus::health)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders", Health.HEALTHY),
            org.assertj.core.groups.Tuple.tuple("payments", Health.DEGRADED),
            org.assertj.core.groups.Tuple.tuple("catalog", Health.PROGRESSING),
            org.assertj.core.groups.Tuple.tuple("inventory", Health.HEALTHY));
  }

  @Test
  void json_isExactlyTheExpected_forTheSeededShop() {
    Expected.assertEquals("shop-prod-status.json", cluster().status(KIT, plan).json());
  }

  @Test
  void doctor_isExactlyTheExpected_forTheSeededShop() {
    DoctorReport report = cluster().doctor(KIT, plan);

    Expected.assertEquals("shop-prod-doctor.txt", report.text());
    Expected.assertEquals("shop-prod-doctor.json", report.json());
    assertThat(report.passed()).isFalse();
  }

  @Test
  void table_isEveryServiceHealthyInDev_withDevsSizesAndRevision() {
    StatusReport report = devCluster().status(KIT, plan);

    Expected.assertEquals("shop-dev-status.txt", report.table());
    Expected.assertEquals("shop-dev-status.json", report.json());
    assertThat(report.healthy()).isTrue();
    assertThat(report.table())
        .contains("\norders     dev  Synced/Healthy @4b8e2d7 ")
        .contains("1/1 ready, primary orders-cluster-1")
        .doesNotContain("last backup");
  }

  @Test
  void doctor_passesInDev_withoutTheBackupOperatorsProdNeeds() {
    DoctorReport report = devCluster().doctor(KIT, plan);

    Expected.assertEquals("shop-dev-doctor.txt", report.text());
    assertThat(report.passed()).isTrue();
    assertThat(report.text())
        .doesNotContain("cert-manager")
        .doesNotContain("barman-cloud")
        .doesNotContain("orders-backup-s3");
  }

  @Test
  void status_failsNamingTheEnvironments_whenTheClusterDoesNotSayWhichItRuns() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ClusterStatus.of(dev.client()).status(KIT, plan))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "the description has environments [dev, prod]: say which one this cluster runs");
  }

  @Test
  void statusAndDoctor_sendOnlyGetRequests_whenReadingTheWholeShop() {
    mock.requests(); // the seeding's POSTs and PUTs

    cluster().status(KIT, plan);
    cluster().doctor(KIT, plan);

    assertThat(mock.requests())
        .isNotEmpty()
        .allSatisfy(request -> assertThat(request).startsWith("GET "))
        .anySatisfy(
            request ->
                assertThat(request)
                    .endsWith(
                        "/pods/payments-migrate-q9d4w/log?pretty=false&container=atlas&tailLines=400"))
        .anySatisfy(
            request ->
                assertThat(request)
                    .isEqualTo("GET /api/v1/namespaces/orders/secrets/orders-backup-s3"));
  }

  /**
   * Each request, as the RBAC check the API server makes for it, is allowed by the ClusterRole in
   * the README.
   */
  @Test
  void everyRequest_isAllowedByTheReadmesReadOnlyClusterRole() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(TestData.dir().getParent().resolve("README.md"));
    int start = readme.indexOf("kind: ClusterRole\n");
    String role =
        readme.substring(
            readme.lastIndexOf("```yaml\n", start) + "```yaml\n".length(),
            readme.indexOf("```", start));
    java.util.Set<String> allowed = new java.util.TreeSet<>();
    for (tools.jackson.databind.JsonNode rule :
        tools.jackson.dataformat.yaml.YAMLMapper.builder()
            .build()
            .readTree(role)
            .path("rules")
            .values()) {
      for (tools.jackson.databind.JsonNode group : rule.path("apiGroups").values()) {
        for (tools.jackson.databind.JsonNode resource : rule.path("resources").values()) {
          for (tools.jackson.databind.JsonNode verb : rule.path("verbs").values()) {
            allowed.add(
                verb.asString()
                    + " "
                    + resource.asString()
                    + (group.asString().isEmpty() ? "" : "." + group.asString()));
          }
        }
      }
    }
    mock.requests();

    cluster().status(KIT, plan);
    cluster().doctor(KIT, plan);

    assertThat(mock.requests())
        .isNotEmpty()
        .allSatisfy(request -> assertThat(allowed).contains(rbac(request)));
  }

  /**
   * {@code GET /apis/batch/v1/namespaces/x/jobs/y} as {@code get jobs.batch}: a path ending in a
   * name is a get, in a collection a list; {@code /log} is the {@code pods/log} subresource.
   */
  private static String rbac(String request) {
    String path = request.substring("GET ".length()).replaceFirst("\\?.*", "");
    java.util.List<String> parts = java.util.List.of(path.substring(1).split("/"));
    String group = parts.get(0).equals("api") ? "" : parts.get(1);
    java.util.List<String> rest = parts.subList(parts.get(0).equals("api") ? 2 : 3, parts.size());
    if (rest.size() >= 2 && rest.get(0).equals("namespaces") && rest.size() > 2) {
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0) + (rest.size() == 3 ? "/" + rest.get(2) : "");
    String verb = rest.size() == 1 ? "list" : "get";
    return verb + " " + resource + (group.isEmpty() ? "" : "." + group);
  }

  @Test
  void status_isTheSame_inAnotherTimeZoneAndLocale() {
    String expected = cluster().status(KIT, plan).table();
    java.util.Locale locale = java.util.Locale.getDefault();
    java.util.TimeZone zone = java.util.TimeZone.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertThat(cluster().status(KIT, plan).table()).isEqualTo(expected);
    } finally {
      java.util.Locale.setDefault(locale);
      java.util.TimeZone.setDefault(zone);
    }
  }
}
