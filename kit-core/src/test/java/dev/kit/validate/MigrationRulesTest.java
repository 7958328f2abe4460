package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Migrations;
import dev.kit.testing.AllStrings;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MigrationRulesTest {

  /**
   * The file-name rule as a regular expression, which the scanner must agree with: not starting
   * with "..", which Kubernetes refuses as a key.
   */
  private static final Pattern CONFIGMAP_KEY = Pattern.compile("(?!\\.\\.)[-._a-zA-Z0-9]+\\.sql");

  @Test
  void isConfigMapKey_agreesWithTheRegularExpression_forEveryShortName() {
    List<String> mismatches = new ArrayList<>();
    // Every stem of up to 3 characters before ".sql", ".sq" and "sql", plus all short names alone;
    // the alphabet has each allowed kind and near misses ('/', ' ', 'é', a non-ASCII digit).
    for (String stem : AllStrings.upTo("aZ0-._/ é\u0663sql", 3)) {
      for (String name : List.of(stem, stem + ".sql", stem + ".sq", stem + "sql", stem + ".SQL")) {
        boolean expected = CONFIGMAP_KEY.matcher(name).matches();
        if (MigrationRules.isConfigMapKey(name) != expected) {
          mismatches.add(name);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void isConfigMapKey_refusesANameLongerThan253() {
    String longest = "1_" + "a".repeat(253 - 6) + ".sql";

    assertThat(longest).hasSize(253);
    assertThat(MigrationRules.isConfigMapKey(longest)).isTrue();
    assertThat(MigrationRules.isConfigMapKey("a" + longest)).isFalse();
  }

  @Test
  void migrationFiles_buildsNoPathPerFile_whenTheFilesAreValid() {
    List<MigrationFile> files = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      files.add(
          new MigrationFile(
              String.format("2025%010d_create_table_%04d.sql", i, i),
              "-- a table\nCREATE TABLE t (id bigint);\n".getBytes(StandardCharsets.UTF_8)));
    }
    MigrationDirectory dir = new MigrationDirectory(files);
    Migrations m = Migrations.defaults();
    MigrationRules.migrationFiles("services[orders].migrations", dir, m, new Violations());

    Violations violations = new Violations();
    long before = allocated();
    MigrationRules.migrationFiles("services[orders].migrations", dir, m, violations);
    long allocated = allocated() - before;

    assertThat(violations.list()).isEmpty();
    // The versions and the map of them; building each file's path and its version twice took
    // ~790 bytes a file.
    assertThat(allocated).isLessThan(200 * 1000);
  }

  /** What the current thread allocated so far, as the JVM counts it. */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
