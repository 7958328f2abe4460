package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.input.KitInputs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredSchemasTest {

  private static byte[] sql(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static DeclaredSchemas schemas(Map<String, byte[]> files) {
    return new DeclaredSchemas(KitInputs.of(Map.of(), files));
  }

  @Test
  void declared_parsesAServicesFileOnce_whenAskedAgainForAnotherView() {
    DeclaredSchemas schemas =
        schemas(
            Map.of(
                "catalog",
                sql("CREATE SCHEMA reporting;\n"),
                "orders",
                sql("CREATE SCHEMA audit;")));

    Optional<Set<String>> first = schemas.declared("catalog");
    assertThat(first).contains(Set.of("reporting"));
    // Each environment's view asks again: the first parse answers, not a second read.
    assertThat(schemas.declared("catalog")).isSameAs(first);
    assertThat(schemas.declared("orders")).contains(Set.of("audit"));
  }

  @Test
  void declared_isEmpty_whenAtlasCannotReadTheFile() {
    DeclaredSchemas schemas = schemas(Map.of("catalog", sql("-- atlas:delimiter //")));

    assertThat(schemas.verdict("catalog")).isEqualTo(DeclaredSchemas.Verdict.READABLE);
    assertThat(schemas.declared("catalog")).isEqualTo(Optional.empty());
  }

  @Test
  void verdict_saysWhatIsWrongWithTheFile() {
    byte[] tooLarge = new byte[SchemaRules.SCHEMA_FILE_MAX_BYTES + 1];
    Arrays.fill(tooLarge, (byte) ' ');
    DeclaredSchemas schemas =
        schemas(
            Map.of(
                "large", tooLarge, "latin1", new byte[] {(byte) 0xE9}, "fine", sql("SELECT 1;")));

    assertThat(schemas.verdict("missing")).isEqualTo(DeclaredSchemas.Verdict.MISSING);
    assertThat(schemas.verdict("large")).isEqualTo(DeclaredSchemas.Verdict.TOO_LARGE);
    assertThat(schemas.bytes("large")).isEqualTo(SchemaRules.SCHEMA_FILE_MAX_BYTES + 1);
    assertThat(schemas.verdict("latin1")).isEqualTo(DeclaredSchemas.Verdict.NOT_UTF8);
    assertThat(schemas.verdict("fine")).isEqualTo(DeclaredSchemas.Verdict.READABLE);
    assertThat(schemas.declared("fine")).contains(Set.of());
  }
}
