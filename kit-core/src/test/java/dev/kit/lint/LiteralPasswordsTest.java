package dev.kit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What kit:status relays of a failed statement: its password literals masked, found as lint does.
 */
class LiteralPasswordsTest {

  @Test
  void masked_replacesEachPasswordLiteral_andKeepsTheRestAndTheLineNumbers() {
    assertThat(
            LiteralPasswords.masked(
                "CREATE TABLE t (id int);\n"
                    + "ALTER ROLE app PASSWORD 'hunter2Secret' VALID UNTIL 'infinity';\n"
                    + "CREATE ROLE r LOGIN PASSWORD $pw$multi\nline$pw$;\n"
                    + "COMMENT ON ROLE r IS 'PASSWORD ''kept''';\n"
                    + "CREATE SUBSCRIPTION s CONNECTION 'host=h password=x' PUBLICATION p;"))
        .isEqualTo(
            "CREATE TABLE t (id int);\n"
                + "ALTER ROLE app PASSWORD '***' VALID UNTIL 'infinity';\n"
                + "CREATE ROLE r LOGIN PASSWORD '***'\n;\n"
                + "COMMENT ON ROLE r IS 'PASSWORD ''kept''';\n"
                + "CREATE SUBSCRIPTION s CONNECTION '***' PUBLICATION p;");
  }

  @Test
  void masked_masksTheWholeBody_whenADoBlocksDynamicSqlSetsAPassword() {
    assertThat(
            LiteralPasswords.masked(
                "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''hunter2'''; END $$;"))
        .isEqualTo("DO '***';");
    String variable = "DO $$ BEGIN EXECUTE format('ALTER ROLE app PASSWORD %L', pw); END $$;";
    assertThat(LiteralPasswords.masked(variable)).isEqualTo(variable);
  }

  @Test
  void literals_areAsPostgresqlReadsThem_whereTheyRun() {
    assertThat(LiteralPasswords.literals("ALTER ROLE app PASSWORD 'hunter2Secret';"))
        .containsExactly("'hunter2Secret'");
    assertThat(
            LiteralPasswords.literals(
                "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''hunter2'''; EXECUTE"
                    + " format('ALTER ROLE %I PASSWORD %L', 'app', 'longer333'); END $$;"))
        .containsExactly("'longer333'", "'hunter2'");
    assertThat(LiteralPasswords.literals("ALTER ROLE app PASSWORD NULL;")).isEmpty();
  }
}
