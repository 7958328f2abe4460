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

  /**
   * PostgreSQL's format(): a {@code *} width takes the next argument, {@code *n$} argument n, both
   * before the value's.
   */
  @Test
  void literals_countTheArgumentsAStarWidthTakes_inAFormatTemplate() {
    assertThat(
            LiteralPasswords.literals(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %*L', 'app', 20,"
                    + " 'hunter7'); END $$;"))
        .containsExactly("'hunter7'");
    assertThat(
            LiteralPasswords.literals(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %3$I PASSWORD ''%1$-*2$s''', 'hunter8',"
                    + " 12, r); END $$;"))
        .containsExactly("'hunter8'");
    assertThat(
            LiteralPasswords.literals(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %1$I PASSWORD %*3$L', 'app', pw, 10,"
                    + " 'hunter9'); END $$;"))
        .containsExactly("'hunter9'");
    // *2$ takes 10, so %I takes 'hunter9' as the role's name and %L nothing.
    assertThat(
            LiteralPasswords.literals(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %*2$I PASSWORD %L', pw, 10, 'hunter9');"
                    + " END $$;"))
        .isEmpty();
    // The width takes 10 and %I 'app': %L's argument is the variable.
    assertThat(
            LiteralPasswords.literals(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %*I PASSWORD %L', 10, 'app', pw); END $$;"))
        .isEmpty();
    assertThat(
            LiteralPasswords.literals(
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %-*I PASSWORD ''%s''', 10, 'app', pw);"
                    + " END $$;"))
        .isEmpty();
  }

  @Test
  void literals_areWhatQuoteLiteralWrites_whenDynamicSqlAppendsItAfterPassword() {
    assertThat(
            LiteralPasswords.literals(
                "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('hunter2')"
                    + " || ' VALID UNTIL ''infinity'''; EXECUTE 'CREATE ROLE r LOGIN PASSWORD '"
                    + " || quote_nullable(E'it''s\\\\5'); END $$;"))
        .containsExactly("E'it''s\\\\5'", "'hunter2'");
    assertThat(
            LiteralPasswords.masked(
                "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('hunter2'); END"
                    + " $$;"))
        .isEqualTo("DO '***';");
    String variable =
        "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('x' || pw); EXECUTE"
            + " 'ALTER ROLE app PASSWORD ' || quote_literal(pw); EXECUTE 'SELECT password ' ||"
            + " quote_literal('x'); END $$;";
    assertThat(LiteralPasswords.literals(variable)).isEmpty();
    assertThat(LiteralPasswords.masked(variable)).isEqualTo(variable);
  }
}
