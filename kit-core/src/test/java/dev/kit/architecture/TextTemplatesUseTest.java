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
 * and an {@code atlas.hcl}. Only the skeleton {@code kit:new-migration} writes, outside any
 * generation, still comes from kit-templates.
 */
class TextTemplatesUseTest {

  /**
   * How a compiled class names TextTemplates in its constant pool: when it calls it, or when it
   * loads it by name (as the code fingerprint once did).
   */
  private static final List<String> TEXT_TEMPLATES =
      List.of("dev/kit/templates/TextTemplates", "dev.kit.templates.TextTemplates");

  @Test
  void textTemplates_usedOnlyByNewMigrations_whenKitCoreClassesAreRead()
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
    assertThat(callers).containsExactly("dev/kit/NewMigrations.class");
  }

  private static boolean callsTextTemplates(Path file) {
    try {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      return TEXT_TEMPLATES.stream().anyMatch(bytes::contains);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
