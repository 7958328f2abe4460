package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kit.Generator;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.TxMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code kit:generate} reads from a service's folder and Atlas would refuse in the cluster: a
 * migration's {@code -- atlas:txmode} directive, and a {@code migrations} path that is a file. Run
 * through {@link Generator}, as a user's build runs it, so nothing is written.
 */
class MigrationFilesValidationTest {

  @TempDir Path repo;

  private static Kit kit(UnaryOperator<Migrations.Builder> migrations) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service("orders", s -> s.database(db -> db.storage("1Gi")).migrations(migrations))
        .build();
  }

  private List<String> generate(Kit kit) {
    KitValidationException e =
        catchThrowableOfType(
            KitValidationException.class, () -> Generator.forRepository(repo).generate(kit));
    assertThat(e).as("a validation failure").isNotNull();
    assertThat(repo.resolve("services/orders/application.yaml"))
        .as("nothing written")
        .doesNotExist();
    return e.violations().stream().map(Violation::toString).toList();
  }

  private void migration(String name, String sql) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.writeString(dir.resolve(name), sql, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-- atlas:txmode bogus\\n\\nSELECT 1;\\n | unknown txmode \"bogus\" found in file directive \"20250101000000_a.sql\""
            + " | use \"-- atlas:txmode none\" (for statements such as CREATE INDEX CONCURRENTLY) or \"file\"",
        "-- atlas:txmode all\\n\\nSELECT 1;\\n | txmode \"all\" is not allowed in file directive \"20250101000000_a.sql\". Use \"file\" instead"
            + " | use \"-- atlas:txmode none\" (for statements such as CREATE INDEX CONCURRENTLY) or \"file\"",
        "-- atlas:txmode none\\n-- atlas:txmode file\\n\\nSELECT 1;\\n | multiple txmode values found in file \"20250101000000_a.sql\": "
            + "[\"none\" \"file\"] | keep one \"-- atlas:txmode\" line"
      })
  void generate_reportsTxModeDirective_whenAtlasWouldRefuseTheFile(
      String sql, String atlas, String fix) throws IOException {
    migration("20250101000000_a.sql", sql.replace("\\n", "\n"));

    assertThat(generate(kit(m -> m)))
        .containsExactly(
            "services[orders].migrations.files[20250101000000_a.sql]: Atlas refuses the file: "
                + atlas
                + " ("
                + fix
                + ")");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-- atlas:delimiter\\nSELECT 1;\\n | empty delimiter",
        "-- atlas:delimiter -- end | 1:0: no input found after delimiter \"-- end\""
      })
  void generate_reportsDelimiterDirective_whenAtlasCannotReadIt(String sql, String atlas)
      throws IOException {
    migration("20250101000000_a.sql", sql.replace("\\n", "\n"));

    assertThat(generate(kit(m -> m)))
        .containsExactly(
            "services[orders].migrations.files[20250101000000_a.sql]: Atlas refuses the file's"
                + " '-- atlas:delimiter' line: "
                + atlas
                + " (write the delimiter after the directive, such as '-- atlas:delimiter -- end',"
                + " and the statements on the lines after it)");
  }

  @Test
  void plan_acceptsDelimiterDirectives_thatAtlasReads() throws IOException {
    migration(
        "20250101000000_a.sql",
        "-- atlas:delimiter -- end\nCREATE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql;\n-- end\n");
    migration("20250101000100_b.sql", "SELECT 1;\n-- atlas:delimiter\n");

    assertThat(Generator.forRepository(repo).plan(kit(m -> m)).paths()).isNotEmpty();
  }

  @Test
  void generate_reportsTxModeDirective_whenTheServiceRunsEverythingInOneTransaction()
      throws IOException {
    migration(
        "20250101000000_a.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (c);\n");

    assertThat(generate(kit(m -> m.txMode(TxMode.ALL))))
        .containsExactly(
            "services[orders].migrations.files[20250101000000_a.sql]: Atlas refuses the file: cannot set txmode directive to \"none\" in "
                + "\"20250101000000_a.sql\" when txmode \"all\" is set globally (remove the directive, or run the service with "
                + "txMode(TxMode.FILE) so files may choose)");
  }

  @Test
  void generate_reportsTxModeDirective_whenTheHeaderIsLongerThanTheFirstBytesRead()
      throws IOException {
    migration(
        "20250101000000_a.sql",
        "-- a long header\n".repeat(400) + "-- atlas:txmode bogus\n\nSELECT 1;\n");

    assertThat(generate(kit(m -> m)))
        .singleElement()
        .asString()
        .contains("unknown txmode \"bogus\"");
  }

  /**
   * The Atlas operator builds its migration directory from the ConfigMap's {@code data} alone
   * (atlas-operator {@code extractData}: {@code files = cfgMap.Data}), so a file kit must put in
   * {@code binaryData} would be missing there and its atlas.sum would not match.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a byte order mark inside  | 53454C45435420313B202D2D20EFBBBF0A
          Latin-1, not UTF-8        | 2D2D20636166E90A53454C45435420313B0A
          """)
  void generate_reportsAFileTheOperatorCannotRead_whenItGoesIntoBinaryData(String what, String hex)
      throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.write(dir.resolve("20250101000000_a.sql"), HexFormat.of().parseHex(hex));

    assertThat(generate(kit(m -> m.engine(Migrations.Engine.OPERATOR))))
        .as(what)
        .containsExactly(
            "services[orders].migrations.files[20250101000000_a.sql]: is not UTF-8 text, or has a"
                + " byte order mark, so it goes into the ConfigMap's binaryData, which the Atlas"
                + " operator does not read (save it as UTF-8 without a byte order mark, or use the"
                + " job engine, which mounts binaryData too)");
  }

  @Test
  void plan_acceptsAFileInBinaryData_withTheJobEngine() throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.write(
        dir.resolve("20250101000000_a.sql"),
        HexFormat.of().parseHex("53454C45435420313B202D2D20EFBBBF0A"));

    assertThat(
            Generator.forRepository(repo)
                .plan(kit(m -> m))
                .text("services/orders/manifests/migrations/configmap.yaml"))
        .contains("binaryData:\n  \"20250101000000_a.sql\": U0VMRUNUIDE7IC0tIO+7vwo=\n");
  }

  /**
   * Atlas reads header directives only from a file that starts with {@code --} or {@code #}, and
   * PostgreSQL does not skip a byte order mark, so the Job of either engine fails on the file.
   */
  @ParameterizedTest
  @EnumSource(Migrations.Engine.class)
  void generate_reportsAByteOrderMark_whenTheFileStartsWithOne(Migrations.Engine engine)
      throws IOException {
    Path dir = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.write(
        dir.resolve("20250101000000_a.sql"),
        HexFormat.of()
            .parseHex("EFBBBF2D2D2061746C61733A74786D6F6465206E6F6E650A0A53454C45435420313B0A"));

    assertThat(generate(kit(m -> m.engine(engine))))
        .containsExactly(
            "services[orders].migrations.files[20250101000000_a.sql]: starts with a UTF-8 byte"
                + " order mark, which Atlas does not skip: it reads no header directive, and"
                + " PostgreSQL refuses the first statement, so the migration Job fails (save the"
                + " file as UTF-8 without a byte order mark)");
  }

  @Test
  void plan_acceptsTxModeDirectives_thatAtlasAcceptsOrIgnores() throws IOException {
    migration(
        "20250101000000_a.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (c);\n");
    migration(
        "20250101000100_b.sql",
        "-- atlas:txmode bogus\nSELECT 1; -- no empty line: Atlas ignores the directive\n");
    migration("20250101000200_c.sql", "SELECT 1;\n-- atlas:txmode bogus\n");

    assertThat(Generator.forRepository(repo).plan(kit(m -> m)).paths()).isNotEmpty();
  }

  @Test
  void generate_saysTheMigrationsPathIsAFile_whenItIsOne() throws IOException {
    Files.createDirectories(repo.resolve("services/orders"));
    Files.writeString(repo.resolve("services/orders/migrations.sql"), "SELECT 1;\n");

    assertThat(generate(kit(m -> m.directory("migrations.sql"))))
        .containsExactly(
            "services[orders].migrations.directory: services/orders/migrations.sql is a file, not a folder (point directory(...) at the "
                + "folder that holds the .sql files, such as \"migrations\", or move the file into one)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"db\"x", "db migrations", "db%20x", "db#x", "${x}", "mïgrations"})
  void generate_refusesAMigrationsFolder_whoseNameAtlasHclCannotHold(String folder)
      throws IOException {
    Files.createDirectories(repo.resolve("services/orders").resolve(folder));

    assertThat(generate(kit(m -> m.directory(folder))))
        .containsExactly(
            "services[orders].migrations.directory: \""
                + folder
                + "\" has characters that atlas.hcl's file:// URL cannot hold as written (a space,"
                + " quote, '%', '?', '#', '$' or non-ASCII letter) (rename the folder with letters,"
                + " digits, '.', '_', '-' and '/' only, such as \"db/migrations\")");
  }

  @Test
  void generate_refusesAMigrationsFolderWithAQuestionMark_withoutQuotingIt() throws IOException {
    // A '?' may start a signed URL's query: the one rule for quoting leaves the value out.
    Files.createDirectories(repo.resolve("services/orders").resolve("db?x"));

    assertThat(generate(kit(m -> m.directory("db?x"))))
        .containsExactly(
            "services[orders].migrations.directory: the folder (not shown, as it may hold a"
                + " credential) has characters that atlas.hcl's file:// URL cannot hold as written"
                + " (a space, quote, '%', '?', '#', '$' or non-ASCII letter) (rename the folder with"
                + " letters, digits, '.', '_', '-' and '/' only, such as \"db/migrations\")");
  }

  @Test
  void generate_saysTheMigrationsFolderDoesNotExist_whenNothingIsThere() {
    assertThat(generate(kit(m -> m)))
        .containsExactly(
            "services[orders].migrations.directory: services/orders/migrations does not exist "
                + "(create it with your first migration, or call withoutMigrations() on the service)");
  }

  @Test
  void generate_refusesAMigrationEndingInUpperCaseSql_whichAtlasNeverRuns() throws IOException {
    migration("20240101000000_a.SQL", "CREATE TABLE a (id int);\n");

    assertThat(generate(kit(m -> m)))
        .containsExactly(
            "services[orders].migrations.files[20240101000000_a.SQL]: ends in \".SQL\", but Atlas"
                + " reads only names ending in lower-case \".sql\": it would never run this file,"
                + " and atlas.sum would leave it out (rename it to 20240101000000_a.sql)");
    assertThat(repo.resolve("services/orders/migrations/atlas.sum")).doesNotExist();
  }
}
