package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.testing.JavaCompilation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptionDiscoveryTest {

  private static final Path ROOT = Path.of("target", "test-classes");
  private static final String DESCRIBE = "public dev.kit.model.Kit describe() { return null; }";

  @TempDir Path dir;

  @Test
  void candidates_areConcretePublicDescriptions_whenMixedWithOtherClasses() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                    "package it.shop; public final class ShopServices implements dev.kit.KitDescription { "
                        + DESCRIBE
                        + " }",
                "it.shop.Base",
                    "package it.shop; public abstract class Base implements dev.kit.KitDescription {}",
                "it.shop.Hidden",
                    "package it.shop; final class Hidden implements dev.kit.KitDescription { "
                        + DESCRIBE
                        + " }",
                "it.shop.Other", "package it.shop; public final class Other { }",
                "it.shop.Outer",
                    "package it.shop; public final class Outer {"
                        + " public static final class Nested implements dev.kit.KitDescription { "
                        + DESCRIBE
                        + " }"
                        + " public final class Inner implements dev.kit.KitDescription { "
                        + DESCRIBE
                        + " }"
                        + " Object anonymous = new dev.kit.KitDescription() { "
                        + DESCRIBE
                        + " }; }"));

    try (URLClassLoader loader = loaderOver(classes)) {
      assertThat(DescriptionDiscovery.candidates(classes, loader))
          .containsExactly("it.shop.Outer$Nested", "it.shop.ShopServices");
    }
  }

  @Test
  void candidates_skipsClass_whenItsDependencyIsMissing() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                    "package it.shop; public final class ShopServices implements dev.kit.KitDescription { "
                        + DESCRIBE
                        + " }",
                "it.shop.Gone", "package it.shop; public class Gone { }",
                "it.shop.Broken",
                    "package it.shop; public final class Broken extends Gone implements dev.kit.KitDescription { "
                        + DESCRIBE
                        + " }"));
    Files.delete(classes.resolve("it/shop/Gone.class"));

    try (URLClassLoader loader = loaderOver(classes)) {
      assertThat(DescriptionDiscovery.candidates(classes, loader))
          .containsExactly("it.shop.ShopServices");
    }
  }

  @Test
  void candidates_isEmpty_whenTestClassesDoNotExist() {
    assertThat(DescriptionDiscovery.candidates(dir.resolve("missing"), getClass().getClassLoader()))
        .isEmpty();
  }

  @Test
  void select_returnsTheCandidate_whenExactlyOne() {
    assertThat(DescriptionDiscovery.select(List.of("it.shop.ShopServices"), dir))
        .isEqualTo("it.shop.ShopServices");
  }

  @Test
  void select_explainsHowToAddOne_whenNone() {
    assertThatThrownBy(() -> DescriptionDiscovery.select(List.of(), dir))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessageContaining(
            "No kit description found: no public class in "
                + dir
                + " implements dev.kit.KitDescription")
        .hasMessageContaining(
            "Add one in src/test/java, with dev.kit:kit-core as a <scope>test</scope> dependency")
        .hasMessageContaining("-Dkit.description=");
  }

  @Test
  void select_pointsAtSkippedTestCompilation_whenTestClassesDoNotExist() {
    assertThatThrownBy(() -> DescriptionDiscovery.select(List.of(), dir.resolve("test-classes")))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessageContaining("no compiled test classes in " + dir.resolve("test-classes"))
        .hasMessageContaining("-Dmaven.test.skip=true")
        .hasMessageContaining("-DskipTests");
  }

  @Test
  void select_listsThemAndHowToChoose_whenSeveral() {
    assertThatThrownBy(() -> DescriptionDiscovery.select(List.of("it.shop.A", "it.shop.B"), dir))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessage(
            "Found 2 kit descriptions in "
                + dir
                + ":\n  - it.shop.A\n  - it.shop.B\n"
                + "Choose one with <configuration><description>it.shop.A</description></configuration> on kit-maven-plugin "
                + "in pom.xml, or with -Dkit.description=it.shop.A.");
  }

  @Test
  void binaryName_isDottedPackageAndClass_whenClassFileInPackage() {
    assertThat(
            DescriptionDiscovery.binaryName(ROOT, ROOT.resolve("com/acme/shop/ShopServices.class")))
        .contains("com.acme.shop.ShopServices");
  }

  @Test
  void binaryName_keepsDollar_whenNestedClass() {
    assertThat(DescriptionDiscovery.binaryName(ROOT, ROOT.resolve("com/acme/Outer$Inner.class")))
        .contains("com.acme.Outer$Inner");
  }

  @Test
  void binaryName_isSimpleName_whenDefaultPackage() {
    assertThat(DescriptionDiscovery.binaryName(ROOT, ROOT.resolve("Services.class")))
        .contains("Services");
  }

  @Test
  void binaryName_isEmpty_whenNotAClassFile() {
    assertThat(DescriptionDiscovery.binaryName(ROOT, ROOT.resolve("com/acme/application.yaml")))
        .isEmpty();
    assertThat(DescriptionDiscovery.binaryName(ROOT, ROOT.resolve("com/acme/Shop.class.bak")))
        .isEmpty();
  }

  @Test
  void binaryName_isEmpty_whenModuleOrPackageInfo() {
    assertThat(DescriptionDiscovery.binaryName(ROOT, ROOT.resolve("module-info.class"))).isEmpty();
    assertThat(DescriptionDiscovery.binaryName(ROOT, ROOT.resolve("com/acme/package-info.class")))
        .isEmpty();
  }

  @Test
  void binaryName_isEmpty_whenPathIsNotAPackage() {
    assertThat(
            DescriptionDiscovery.binaryName(
                ROOT, ROOT.resolve("META-INF/versions/17/com/acme/Shop.class")))
        .isEmpty();
    assertThat(DescriptionDiscovery.binaryName(ROOT, ROOT.resolve("com/1acme/Shop.class")))
        .isEmpty();
  }

  private URLClassLoader loaderOver(Path classes) throws Exception {
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
  }
}
