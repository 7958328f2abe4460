package dev.kit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.Generator;
import dev.kit.KitDescription;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.status.ClusterStatus;
import dev.kit.testing.JavaCompilation;
import dev.kit.verify.MigrationVerification;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples as a first-time user pastes them: each complete Java class compiles against
 * kit-core and kit-verify, every fragment compiles where it says it goes (continuing {@code
 * Kit.builder()}), each describes a valid kit, the service-repository IT builds exactly the
 * README's {@code pom.xml} and classes, and every method the prose names appears in an example.
 */
class ReadmeTest {

  private static final String SHOP_PACKAGE = "com.acme.shop";
  private static final String OPS_PACKAGE = "com.acme.ops";

  private static final Path README = Path.of("..", "README.md");
  private static final Path SERVICE_REPOSITORY_IT = Path.of("src", "it", "readme-service-repo");
  private static final Pattern FENCE =
      Pattern.compile("^```(\\w*)\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern CLASS_NAME =
      Pattern.compile("^public final class (\\w+)", Pattern.MULTILINE);

  private record Block(String language, String text) {}

  private static String readme() throws IOException {
    return Files.readString(README).replace("\r\n", "\n");
  }

  private static List<Block> blocks() throws IOException {
    List<Block> blocks = new ArrayList<>();
    Matcher fence = FENCE.matcher(readme());
    while (fence.find()) {
      blocks.add(new Block(fence.group(1), fence.group(2)));
    }
    return blocks;
  }

  /**
   * The Java examples that are whole compilation units of the service repository, by class name.
   */
  private static Map<String, String> classes() throws IOException {
    return classes(SHOP_PACKAGE);
  }

  /**
   * The whole compilation units in {@code pkg}, by class name: {@code com.acme.shop} is the service
   * repository's (its IT builds them), {@code com.acme.ops} an operations program beside it
   * (compiled here, with kit-status).
   */
  private static Map<String, String> classes(String pkg) throws IOException {
    Map<String, String> classes = new LinkedHashMap<>();
    for (Block block : blocks()) {
      if (block.language().equals("java") && block.text().startsWith("package " + pkg + ";")) {
        Matcher name = CLASS_NAME.matcher(block.text());
        assertThat(name.find()).as("a public final class in%n%s", block.text()).isTrue();
        classes.put(name.group(1), block.text());
      }
    }
    return classes;
  }

  /** The Java examples that continue a {@code Kit.builder()} chain. */
  private static List<String> fragments() throws IOException {
    return blocks().stream()
        .filter(b -> b.language().equals("java") && !b.text().startsWith("package "))
        .map(Block::text)
        .toList();
  }

  /**
   * A class whose {@code kit()} runs {@code fragment} on a {@code Kit.builder()} with the example's
   * repository.
   */
  private static String wrap(String className, String fragment) {
    return "package com.acme.shop;\n\nimport dev.kit.model.*;\nimport java.time.Instant;\n\npublic final class "
        + className
        + " {\n  public static Kit kit() {\n    return Kit.builder()\n"
        + "        .repository(\"shop\", r -> r.gitUrl(\"https://github.com/acme/shop.git\")\n"
        + "            .argoCd(ArgoCd.builder().project(\"shop\").build()))\n"
        + fragment
        + "        .build();\n  }\n}\n";
  }

  /**
   * Plans {@code kit} in a new repository with an empty migrations folder per service: validation,
   * rendering.
   */
  private static void plan(Kit kit, Path repository) throws IOException {
    for (Service service : kit.services()) {
      Files.createDirectories(
          repository.resolve("services").resolve(service.name()).resolve("migrations"));
    }
    assertThat(Generator.forRepository(repository).plan(kit).paths()).isNotEmpty();
  }

  @Test
  void javaExamples_compileAgainstKitCoreAndDescribeValidKits_whenPastedAsTheReadmeSays(
      @TempDir Path dir) throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    classes().forEach((name, text) -> sources.put(SHOP_PACKAGE + "." + name, text));
    classes(OPS_PACKAGE).forEach((name, text) -> sources.put(OPS_PACKAGE + "." + name, text));
    assertThat(
            blocks().stream()
                .filter(b -> b.language().equals("java") && b.text().startsWith("package ")))
        .as("every whole Java example is in %s or %s", SHOP_PACKAGE, OPS_PACKAGE)
        .hasSize(classes().size() + classes(OPS_PACKAGE).size());
    List<String> fragments = fragments();
    for (int i = 0; i < fragments.size(); i++) {
      sources.put("com.acme.shop.Fragment" + i, wrap("Fragment" + i, fragments.get(i)));
    }
    assertThat(sources)
        .containsKeys(
            "com.acme.shop.ShopServices", "com.acme.shop.ShopBuild", "com.acme.ops.ShopStatus");
    assertThat(fragments).hasSizeGreaterThanOrEqualTo(2);

    Path compiled =
        JavaCompilation.compile(
            dir,
            sources,
            List.of(
                JavaCompilation.kitCore(),
                JavaCompilation.codeSource(MigrationVerification.class),
                JavaCompilation.codeSource(ClusterStatus.class)));

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {compiled.toUri().toURL()}, getClass().getClassLoader())) {
      KitDescription shop =
          (KitDescription)
              loader.loadClass("com.acme.shop.ShopServices").getConstructor().newInstance();
      plan(shop.describe(), dir.resolve("shop"));
      for (int i = 0; i < fragments.size(); i++) {
        Kit kit =
            (Kit) loader.loadClass("com.acme.shop.Fragment" + i).getMethod("kit").invoke(null);
        plan(kit, dir.resolve("fragment" + i));
      }
    }
  }

  @Test
  void serviceRepositoryIt_buildsTheReadmePomAndClasses_asWritten() throws IOException {
    String version = System.getProperty("kit.version");
    assertThat(version).as("kit.version, set by the POM for surefire").isNotBlank();
    List<String> poms =
        blocks().stream()
            .filter(b -> b.language().equals("xml") && b.text().startsWith("<project"))
            .map(Block::text)
            .toList();
    assertThat(poms).hasSize(1);
    assertThat(poms.get(0)).contains("<version>" + version + "</version>");
    assertThat(Files.readString(SERVICE_REPOSITORY_IT.resolve("pom.xml")))
        .isEqualTo(
            poms.get(0)
                .replace(
                    "<version>" + version + "</version>", "<version>@project.version@</version>"));
    for (Map.Entry<String, String> example : classes().entrySet()) {
      assertThat(
              SERVICE_REPOSITORY_IT.resolve(
                  "src/test/java/com/acme/shop/" + example.getKey() + ".java"))
          .hasContent(example.getValue());
    }
  }

  @Test
  void everyMethodTheProseNames_appearsInAJavaExample() throws IOException {
    String prose = FENCE.matcher(readme()).replaceAll("");
    Set<String> named = new LinkedHashSet<>();
    Matcher span = Pattern.compile("`([^`\\n]+)`").matcher(prose);
    while (span.find()) {
      Matcher call = Pattern.compile("(\\w+)\\(").matcher(span.group(1));
      while (call.find()) {
        named.add(call.group(1));
      }
    }
    String examples =
        blocks().stream()
            .filter(b -> b.language().equals("java"))
            .map(Block::text)
            .collect(Collectors.joining("\n"));

    assertThat(named)
        .contains(
            "connection",
            "legacyInTree",
            "pointInTime",
            "imageName",
            "cloudnativePg",
            "coordinates");
    assertThat(named)
        .allSatisfy(
            method ->
                assertThat(examples)
                    .as("a Java example calls %s(...)", method)
                    .containsPattern("[.\\s]" + method + "\\("));
  }
}
