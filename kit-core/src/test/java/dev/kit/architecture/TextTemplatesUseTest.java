package dev.kit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * FreeMarker stays off the generate path: its first template costs a cold run ~0.3 s of CPU and
 * ~520 classes (kit-benchmarks/PROFILE.md, sections 9 and 11), and every service renders a runbook
 * and an {@code atlas.hcl}. Only the texts kit writes rarely, a retired service's {@code
 * RETIRED.md} and the skeleton of {@code kit:new-migration}, still come from kit-templates.
 */
class TextTemplatesUseTest {

  /** How a compiled class names TextTemplates when it calls it (its constant pool). */
  private static final String TEXT_TEMPLATES = "dev/kit/templates/TextTemplates";

  @Test
  void textTemplates_calledOnlyForRetiredAndNewMigration_whenKitCoreClassesAreRead()
      throws IOException, URISyntaxException {
    Path classes =
        Path.of(Generator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> callers;
    try (Stream<Path> files = Files.walk(classes)) {
      callers =
          files
              .filter(f -> f.toString().endsWith(".class"))
              .filter(TextTemplatesUseTest::callsTextTemplates)
              .map(f -> classes.relativize(f).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    assertThat(callers)
        .containsExactly(
            "dev/kit/NewMigrations.class", "dev/kit/render/RetiredServiceRenderer.class");
  }

  private static boolean callsTextTemplates(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
          .contains(TEXT_TEMPLATES);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
