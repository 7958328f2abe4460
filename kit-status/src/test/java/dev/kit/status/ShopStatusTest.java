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
 * The sample's shop against a seeded cluster ({@link ShopCluster}: orders healthy, payments broken three ways, catalog
 * on its way): the exact table, JSON and doctor lines; and every request either goal sends is a GET.
 */
class ShopStatusTest {

  private static MockCluster mock;
  private static final Kit KIT = new Shop().describe();
  private static FilePlan plan;

  @BeforeAll
  static void seed() {
    mock = ShopCluster.start(TestData.resolve("crds"), Shop.repository());
    plan = Shop.plan();
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  private static ClusterStatus cluster() {
    return ClusterStatus.of(mock.client()).clock(ShopCluster.clock()).repository(Shop.repository());
  }

  @Test
  void table_isExactlyTheExpected_forTheSeededShop() {
    StatusReport report = cluster().status(KIT, plan);

    Expected.assertEquals("shop-status.txt", report.table());
    assertThat(report.healthy()).isFalse();
    assertThat(report.services()).extracting(ServiceStatus::service, ServiceStatus::health).containsExactly(
        org.assertj.core.groups.Tuple.tuple("orders", Health.HEALTHY),
        org.assertj.core.groups.Tuple.tuple("payments", Health.DEGRADED),
        org.assertj.core.groups.Tuple.tuple("catalog", Health.PROGRESSING));
  }

  @Test
  void json_isExactlyTheExpected_forTheSeededShop() {
    Expected.assertEquals("shop-status.json", cluster().status(KIT, plan).json());
  }

  @Test
  void doctor_isExactlyTheExpected_forTheSeededShop() {
    DoctorReport report = cluster().doctor(KIT, plan);

    Expected.assertEquals("shop-doctor.txt", report.text());
    Expected.assertEquals("shop-doctor.json", report.json());
    assertThat(report.passed()).isFalse();
  }

  @Test
  void statusAndDoctor_sendOnlyGetRequests_whenReadingTheWholeShop() {
    mock.requests(); // the seeding's POSTs and PUTs

    cluster().status(KIT, plan);
    cluster().doctor(KIT, plan);

    assertThat(mock.requests()).isNotEmpty().allSatisfy(request -> assertThat(request).startsWith("GET "))
        .anySatisfy(request -> assertThat(request).endsWith("/pods/payments-migrate-q9d4w/log?pretty=false&tailLines=400"))
        .anySatisfy(request -> assertThat(request).isEqualTo("GET /api/v1/namespaces/orders/secrets/orders-backup-s3"));
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
