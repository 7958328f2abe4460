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
 * This repository's description and committed tree against a cluster that runs them (kit-status's seeded shop: orders
 * healthy, payments broken three ways, catalog on its way): what kit:status and kit:doctor print is exactly what
 * kit-status's own tests expect, and what the README's "Live status" shows.
 */
class ShopLiveTest {

  private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  private static MockCluster mock;
  private static Kit kit;
  private static FilePlan plan;

  @BeforeAll
  static void seed() {
    mock = ShopCluster.start(TestData.resolve("crds"), REPO);
    kit = new ShopServices().describe();
    plan = Generator.forRepository(REPO).source(ShopServices.class.getName()).plan(kit);
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  private static ClusterStatus cluster() {
    return ClusterStatus.of(mock.client()).clock(ShopCluster.clock()).repository(REPO);
  }

  @Test
  void status_isTheExpectedTable_andTheReadmeShowsIt() throws IOException {
    StatusReport report = cluster().status(kit, plan);

    assertThat(report.table()).isEqualTo(Expected.text("shop-status.txt"));
    assertThat(report.json()).isEqualTo(Expected.text("shop-status.json"));
    assertThat(readme()).contains(report.table());
  }

  @Test
  void doctor_isTheExpectedLines_andTheReadmeShowsThem() throws IOException {
    DoctorReport report = cluster().doctor(kit, plan);

    assertThat(report.text()).isEqualTo(Expected.text("shop-doctor.txt"));
    assertThat(readme()).contains(report.text());
  }

  private static String readme() throws IOException {
    return Files.readString(REPO.getParent().resolve("README.md"), StandardCharsets.UTF_8);
  }
}
