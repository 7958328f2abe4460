package dev.kit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What kit:status relays of a failed statement: its password literals masked, found as lint does.
 */
class LiteralPasswordsTest {

  @Test
  void mask_replacesEachPasswordLiteral_andKeepsTheRestAndTheLineNumbers() {
    assertThat(
            LiteralPasswords.mask(
                    "CREATE TABLE t (id int);\n"
                        + "ALTER ROLE app PASSWORD 'hunter2Secret' VALID UNTIL 'infinity';\n"
                        + "CREATE ROLE r LOGIN PASSWORD $pw$multi\nline$pw$;\n"
                        + "COMMENT ON ROLE r IS 'PASSWORD ''kept''';\n"
                        + "CREATE SUBSCRIPTION s CONNECTION 'host=h password=x' PUBLICATION p;")
                .text())
        .isEqualTo(
            "CREATE TABLE t (id int);\n"
                + "ALTER ROLE app PASSWORD '***' VALID UNTIL 'infinity';\n"
                + "CREATE ROLE r LOGIN PASSWORD '***'\n;\n"
                + "COMMENT ON ROLE r IS 'PASSWORD ''kept''';\n"
                + "CREATE SUBSCRIPTION s CONNECTION '***' PUBLICATION p;");
  }

  @Test
  void mask_masksTheWholeBody_whenADoBlocksDynamicSqlSetsAPassword() {
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''hunter2'''; END $$;")
                .text())
        .isEqualTo("DO '***';");
    String variable = "DO $$ BEGIN EXECUTE format('ALTER ROLE app PASSWORD %L', pw); END $$;";
    assertThat(LiteralPasswords.mask(variable).text()).isEqualTo(variable);
  }

  @Test
  void maskLiterals_areAsPostgresqlReadsThem_whereTheyRun() {
    assertThat(LiteralPasswords.mask("ALTER ROLE app PASSWORD 'hunter2Secret';").literals())
        .containsExactly("'hunter2Secret'");
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''hunter2'''; EXECUTE"
                        + " format('ALTER ROLE %I PASSWORD %L', 'app', 'longer333'); END $$;")
                .literals())
        .containsExactly("'longer333'", "'hunter2'");
    assertThat(LiteralPasswords.mask("ALTER ROLE app PASSWORD NULL;").literals()).isEmpty();
  }

  /**
   * PostgreSQL's format(): a {@code *} width takes the next argument, {@code *n$} argument n, both
   * before the value's.
   */
  @Test
  void maskLiterals_countTheArgumentsAStarWidthTakes_inAFormatTemplate() {
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %*L', 'app', 20,"
                        + " 'hunter7'); END $$;")
                .literals())
        .containsExactly("'hunter7'");
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE format('ALTER ROLE %3$I PASSWORD ''%1$-*2$s''', 'hunter8',"
                        + " 12, r); END $$;")
                .literals())
        .containsExactly("'hunter8'");
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE format('ALTER ROLE %1$I PASSWORD %*3$L', 'app', pw, 10,"
                        + " 'hunter9'); END $$;")
                .literals())
        .containsExactly("'hunter9'");
    // *2$ takes 10, so %I takes 'hunter9' as the role's name and %L nothing.
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE format('ALTER ROLE %*2$I PASSWORD %L', pw, 10, 'hunter9');"
                        + " END $$;")
                .literals())
        .isEmpty();
    // The width takes 10 and %I 'app': %L's argument is the variable.
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE format('ALTER ROLE %*I PASSWORD %L', 10, 'app', pw); END $$;")
                .literals())
        .isEmpty();
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE format('ALTER ROLE %-*I PASSWORD ''%s''', 10, 'app', pw);"
                        + " END $$;")
                .literals())
        .isEmpty();
  }

  @Test
  void maskLiterals_areWhatQuoteLiteralWrites_whenDynamicSqlAppendsItAfterPassword() {
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('hunter2')"
                        + " || ' VALID UNTIL ''infinity'''; EXECUTE 'CREATE ROLE r LOGIN PASSWORD '"
                        + " || quote_nullable(E'it''s\\\\5'); END $$;")
                .literals())
        .containsExactly("E'it''s\\\\5'", "'hunter2'");
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('hunter2'); END"
                        + " $$;")
                .text())
        .isEqualTo("DO '***';");
    String variable =
        "DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('x' || pw); EXECUTE"
            + " 'ALTER ROLE app PASSWORD ' || quote_literal(pw); EXECUTE 'SELECT password ' ||"
            + " quote_literal('x'); END $$;";
    assertThat(LiteralPasswords.mask(variable).literals()).isEmpty();
    assertThat(LiteralPasswords.mask(variable).text()).isEqualTo(variable);
  }

  @Test
  void maskLiterals_areWhatFormatWrites_forAPlaceholdersArgument() {
    // %L writes quote_literal's form, whatever quoting the argument was written in; '%s' the
    // value between the template's quotes.
    assertThat(
            LiteralPasswords.mask(
                    "DO $$ BEGIN EXECUTE format('ALTER ROLE app PASSWORD %L', $q$it's$q$); EXECUTE"
                        + " format('ALTER ROLE app PASSWORD %L', 'a\\b'); EXECUTE"
                        + " format('ALTER ROLE app PASSWORD ''%s''', $q$hunter2$q$); END $$;")
                .literals())
        .containsExactly("'hunter2'", "'it''s'", "E'a\\\\b'");
  }

  @Test
  void mask_findsASubscriptionsPassword_byLibpqsKeywordOrTheUri() {
    assertThat(
            LiteralPasswords.mask(
                    "CREATE SUBSCRIPTION a CONNECTION 'host=h password = x1' PUBLICATION p;\n"
                        + "CREATE SUBSCRIPTION b CONNECTION 'postgresql://rep:x22@h/db' PUBLICATION p;\n"
                        + "CREATE SUBSCRIPTION c CONNECTION 'postgres://h/db?password=x333' PUBLICATION p;\n"
                        + "ALTER SUBSCRIPTION d CONNECTION 'PASSWORD=x4444 host=h';\n"
                        // libpq reads a keyword right after a quoted value; $ is no reference.
                        + "CREATE SUBSCRIPTION e CONNECTION 'host=''h''password=x55555' PUBLICATION p;\n"
                        + "CREATE SUBSCRIPTION f CONNECTION 'postgresql://h/db?password=$666666'"
                        + " PUBLICATION p;\n"
                        + "CREATE SUBSCRIPTION g CONNECTION 'postgresql://u:$7777777@h/db' PUBLICATION p;")
                .literals())
        .containsExactly(
            "'postgresql://h/db?password=$666666'",
            "'postgres://h/db?password=x333'",
            "'postgresql://u:$7777777@h/db'",
            "'postgresql://rep:x22@h/db'",
            "'host=''h''password=x55555'",
            "'PASSWORD=x4444 host=h'",
            "'host=h password = x1'");
    String none =
        "CREATE SUBSCRIPTION a CONNECTION 'host=h dbname=passwords user=password' PUBLICATION p;\n"
            + "CREATE SUBSCRIPTION b CONNECTION 'postgresql://rep@h/passwords' PUBLICATION p;\n"
            + "CREATE SUBSCRIPTION c CONNECTION 'host=h passfile=/p' PUBLICATION p;";
    assertThat(LiteralPasswords.mask(none).literals()).isEmpty();
    assertThat(LiteralPasswords.mask(none).text()).isEqualTo(none);
  }

  @Test
  void mask_findsNothing_whenPasswordIsFollowedByAPlaceholderOutsideAFormatTemplate() {
    String sql = "ALTER ROLE r PASSWORD %s;";
    assertThat(LiteralPasswords.mask(sql).literals()).isEmpty();
    assertThat(LiteralPasswords.mask(sql).text()).isEqualTo(sql);
  }

  @Test
  void hidden_masksEachLiteral_longestFirst() {
    String sql = "ALTER ROLE a PASSWORD 'x'; ALTER ROLE b PASSWORD 'x''y';";
    assertThat(
            LiteralPasswords.hidden(
                "syntax error at or near \"'x''y'\" after 'x'",
                LiteralPasswords.mask(sql).literals()))
        .isEqualTo("syntax error at or near \"'***'\" after '***'");
  }
}
