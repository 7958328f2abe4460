package com.acme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.Kit;
import dev.kit.plan.FilePlan;
import dev.kit.status.ClusterStatus;
import dev.kit.status.DoctorReport;
import dev.kit.status.StatusReport;
import dev.kit.status.testing.Expected;
import dev.kit.status.testing.MockCluster;
import dev.kit.status.testing.Shop;
import dev.kit.status.testing.ShopCluster;
import dev.kit.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * This repository's description and committed tree against the clusters that run them (kit-status's
 * seeded shop; prod: orders healthy, payments broken three ways, catalog on its way; dev: all
 * healthy): what kit:status and kit:doctor print for each environment is exactly what kit-status's
 * own tests expect, and prod's is what the README's "Live status" shows.
 */
class ShopLiveTest {

  private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  private static MockCluster prod;
  private static MockCluster dev;
  private static Kit kit;
  private static FilePlan plan;

  @BeforeAll
  static void seed() {
    prod = ShopCluster.start(TestData.resolve("crds"), REPO, "prod");
    dev = ShopCluster.start(TestData.resolve("crds"), REPO, "dev");
    kit = new ShopServices().describe();
    plan = Generator.forRepository(REPO).source(ShopServices.class.getName()).plan(kit);
  }

  @AfterAll
  static void stop() {
    prod.close();
    dev.close();
  }

  private static ClusterStatus cluster(MockCluster mock, String environment) {
    return ClusterStatus.of(mock.client())
        .clock(ShopCluster.clock())
        .repository(REPO)
        .environment(environment);
  }

  @Test
  void description_isTheOneKitStatusTestsPlan() {
    assertThat(kit).isEqualTo(new Shop().describe());
  }

  @Test
  void status_isTheExpectedTable_andTheReadmeShowsIt_inProd() throws IOException {
    StatusReport report = cluster(prod, "prod").status(kit, plan);

    assertThat(report.table()).isEqualTo(Expected.text("shop-prod-status.txt"));
    assertThat(report.json()).isEqualTo(Expected.text("shop-prod-status.json"));
    assertThat(readme()).contains(report.table());
  }

  @Test
  void doctor_isTheExpectedLines_andTheReadmeShowsThem_inProd() throws IOException {
    DoctorReport report = cluster(prod, "prod").doctor(kit, plan);

    assertThat(report.text()).isEqualTo(Expected.text("shop-prod-doctor.txt"));
    assertThat(readme()).contains(report.text());
  }

  @Test
  void statusAndDoctor_areTheExpected_inDev() {
    assertThat(cluster(dev, "dev").status(kit, plan).table())
        .isEqualTo(Expected.text("shop-dev-status.txt"));
    assertThat(cluster(dev, "dev").doctor(kit, plan).text())
        .isEqualTo(Expected.text("shop-dev-doctor.txt"));
  }

  private static String readme() throws IOException {
    return Files.readString(REPO.getParent().resolve("README.md"), StandardCharsets.UTF_8);
  }
}
