package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredSchemasTest {

  private static byte[] sql(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void of_parsesAServicesFileOnce_whenAskedAgainForAnotherView() {
    DeclaredSchemas schemas = new DeclaredSchemas();

    assertThat(schemas.of("catalog", sql("CREATE SCHEMA reporting;\n")))
        .contains(Set.of("reporting"));
    // The same file again (each environment's view reads it): the first parse answers.
    assertThat(schemas.of("catalog", sql("CREATE SCHEMA audit;\n"))).contains(Set.of("reporting"));
    assertThat(schemas.of("orders", sql("CREATE SCHEMA audit;\n"))).contains(Set.of("audit"));
  }

  @Test
  void of_isEmpty_whenAtlasCannotReadTheFile() {
    assertThat(new DeclaredSchemas().of("catalog", sql("-- atlas:delimiter //")))
        .isEqualTo(Optional.empty());
  }
}
