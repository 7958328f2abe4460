package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.model.Kit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names Atlas orders or ignores unlike their author expects are warned of when generating; the
 * files are still written as Atlas reads them, since a history already applied must keep them.
 */
class MigrationNameWarningsTest {

  @TempDir Path repo;

  private static final Kit KIT =
      Kit.builder()
          .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
          .service("orders", s -> s.database(db -> db.storage("1Gi")))
          .build();

  private void migration(String name) throws IOException {
    Path file = repo.resolve("services/orders/migrations/" + name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "SELECT 1;\n");
  }

  private List<String> warnings() {
    return Generator.forRepository(repo).generate(KIT).warnings();
  }

  @Test
  void generate_warnsOfNumbersOutOfNumberOrder_whenVersionsHaveDifferentWidths()
      throws IOException {
    migration("1_create.sql");
    migration("2_alter.sql");
    migration("10_index.sql");

    assertThat(warnings())
        .singleElement()
        .asString()
        .startsWith("services[orders].migrations.files[1_create.sql, 2_alter.sql]: ")
        .contains("so it runs 1_create.sql after 10_index.sql, 2_alter.sql after 10_index.sql;")
        .contains("give the versions one width")
        .contains("keep the names");
    assertThat(repo.resolve("services/orders/migrations/atlas.sum"))
        .content()
        // '0' sorts before '_': the index runs first of all, before its table exists.
        .containsSubsequence("10_index.sql", "1_create.sql", "2_alter.sql");
  }

  @Test
  void generate_warnsOfNothing_whenNumbersOfOneWidthOrTimestampsAfterPaddedOnes()
      throws IOException {
    migration("001_init.sql");
    migration("002_users.sql");
    migration("20250101000000_orders.sql");

    assertThat(warnings()).isEmpty();
  }

  /** Atlas runs these in time order, January to March, whatever each one's precision. */
  @Test
  void generate_warnsOfNothing_whenTimestampsOfMinutesAndSecondsMix() throws IOException {
    migration("202401011200_a.sql");
    migration("20240201120000_b.sql");
    migration("202403011200_c.sql");

    assertThat(warnings()).isEmpty();
  }

  /** A digit-led version sorts before a timestamp or after it by its characters alone. */
  @Test
  void generate_warnsOfADigitLedVersionThatIsNotANumber_withoutBlamingNewMigration()
      throws IOException {
    migration("1.0.0_init.sql");

    assertThat(warnings())
        .singleElement()
        .asString()
        .contains(
            "version \"1.0.0\" is not a number; Atlas compares versions as text, so it orders"
                + " them by character, not by number; rename them to")
        .doesNotContain("kit:new-migration");
  }

  @Test
  void generate_warnsOfVersionsThatAreNotNumbers_namingFlywaysFormat() throws IOException {
    migration("V1__init.sql");
    migration("V2__users.sql");
    migration("init.sql");

    assertThat(warnings())
        .singleElement()
        .asString()
        .startsWith("services[orders].migrations.files[V1__init.sql, V2__users.sql, init.sql]: ")
        .contains("version \"V1\" is not a number")
        .contains("kit:new-migration cannot add a timestamped migration after it")
        .contains("'atlas migrate import'");
  }

  @Test
  void generate_warnsOfSqlAtlasNeverReads_inAnotherExtensionOrASubfolder() throws IOException {
    migration("20240101000000_a.sql");
    migration("20240102000000_b.sql.txt");
    migration("old/20230101000000_x.sql");
    migration("README.md");

    assertThat(warnings())
        .containsExactly(
            "services[orders].migrations.files[20240102000000_b.sql.txt]: Atlas reads only names"
                + " ending in \".sql\", so it never runs this file and atlas.sum leaves it out;"
                + " rename a migration to <version>_<description>.sql, or move what is not one out"
                + " of services/orders/migrations/",
            "services[orders].migrations.files[old/20230101000000_x.sql]: Atlas reads no subfolder"
                + " of services/orders/migrations/, so it never runs this file and atlas.sum leaves"
                + " it out; move a migration up into services/orders/migrations/, or an archive of"
                + " applied ones out of it");
  }

  @Test
  void generate_warnsOfANewIgnoredFile_whenTheCacheKeptTheServicesFiles(@TempDir Path cache)
      throws IOException {
    migration("20240101000000_a.sql");
    Generator cached = Generator.forRepository(repo).cache(cache);
    assertThat(cached.generate(KIT).warnings()).isEmpty();

    migration("20240102000000_b.sql.bak");

    assertThat(cached.generate(KIT).warnings())
        .singleElement()
        .asString()
        .startsWith("services[orders].migrations.files[20240102000000_b.sql.bak]: ");
  }

  @Test
  void compareNumbers_comparesDigitsOfAnyWidthAsNumbers() {
    assertThat(MigrationNameWarnings.compareNumbers("2", "10")).isNegative();
    assertThat(MigrationNameWarnings.compareNumbers("002", "2")).isZero();
    assertThat(MigrationNameWarnings.compareNumbers("99999999999999999999", "100")).isPositive();
  }
}
