package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.lint.LintFinding;
import dev.kit.lint.LintSettings;
import dev.kit.migration.AtlasFileDirectives;
import dev.kit.migration.SqlScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog linter on snapshots written by hand, for what the test server (PostgreSQL 17) cannot
 * produce: PostgreSQL 18's {@code NOT NULL ... NOT VALID} marks a column NOT NULL without a scan.
 */
class CatalogLinterTest {

  private static final CatalogObject TABLE =
      new CatalogObject(
          CatalogObject.Kind.TABLE,
          "public.products",
          "1",
          "TABLE public.products",
          Map.of("relfilenode", "5"));

  private static CatalogObject origin(boolean notNull) {
    return new CatalogObject(
        CatalogObject.Kind.COLUMN,
        "public.products.origin",
        "1.2",
        "origin character(2)" + (notNull ? " NOT NULL" : ""),
        Map.of(
            "sql",
            "origin",
            "type",
            "character(2)",
            "notNull",
            String.valueOf(notNull),
            "table",
            "public.products",
            "tableIdentity",
            "1"));
  }

  private static List<String> lint(String sql) {
    CatalogSnapshot before = CatalogSnapshot.of(List.of(TABLE, origin(false)));
    CatalogSnapshot after = CatalogSnapshot.of(List.of(TABLE, origin(true)));
    return new CatalogLinter(LintSettings.defaults())
            .lint(
                "m.sql",
                AtlasFileDirectives.read(sql),
                SqlScript.parse(sql).statements().get(0),
                before,
                before,
                after)
            .stream()
            .map(LintFinding::toString)
            .map(line -> line.substring(0, line.indexOf(": ", "m.sql:1: ".length())))
            .toList();
  }

  @Test
  void lint_reportsSetNotNull_butNotANotNullConstraintAddedNotValid() {
    assertThat(lint("ALTER TABLE products ALTER COLUMN origin SET NOT NULL;\n"))
        .containsExactly("m.sql:1: warning SET_NOT_NULL (MF104)");
    assertThat(
            lint(
                "ALTER TABLE products ADD CONSTRAINT products_origin_not_null"
                    + " NOT NULL origin NOT VALID;\n"))
        .isEmpty();
  }
}
