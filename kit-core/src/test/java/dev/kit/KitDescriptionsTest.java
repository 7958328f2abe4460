package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.testing.JavaCompilation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KitDescriptions#load}: the description found or named, created and described, and every
 * way that fails.
 */
class KitDescriptionsTest {

  private static final String SHOP =
      """
      package it.shop;
      public final class ShopServices implements dev.kit.KitDescription {
        public dev.kit.model.Kit describe() {
          return dev.kit.model.Kit.builder()
              .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
              .service("orders", s -> s.database(db -> db.instances(1).storage("1Gi")))
              .build();
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void load_describesTheOnlyDescription_whenNoClassConfigured() throws Exception {
    Path classes = JavaCompilation.compile(dir, Map.of("it.shop.ShopServices", SHOP));

    try (KitDescriptions.Loaded loaded = load(classes, null)) {
      assertThat(loaded.className()).isEqualTo("it.shop.ShopServices");
      assertThat(loaded.kit().repository().name()).isEqualTo("shop");
      assertThat(loaded.kit().services())
          .singleElement()
          .satisfies(s -> assertThat(s.name()).isEqualTo("orders"));
    }
  }

  @Test
  void load_usesTheConfiguredClass_whenSeveralExist() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                SHOP,
                "it.shop.Copy",
                SHOP.replace("ShopServices", "Copy").replace("\"shop\"", "\"copy\"")));

    try (KitDescriptions.Loaded copy = load(classes, " it.shop.Copy ")) {
      assertThat(copy.kit().repository().name()).isEqualTo("copy");
    }
    assertThatThrownBy(() -> load(classes, ""))
        .hasMessageContaining("Found 2 kit descriptions")
        .hasMessageContaining("it.shop.Copy")
        .hasMessageContaining("it.shop.ShopServices");
  }

  @Test
  void load_saysWhereItLooked_whenConfiguredClassIsMissing() throws Exception {
    Path classes = JavaCompilation.compile(dir, Map.of("it.shop.ShopServices", SHOP));

    assertThatThrownBy(() -> load(classes, "it.shop.Missing"))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessageContaining(
            "Kit description it.shop.Missing was not found on the test class path (" + classes)
        .hasMessageContaining("fully-qualified class name");
  }

  @Test
  void load_asksToImplementTheInterface_whenConfiguredClassIsNotADescription() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir, Map.of("it.shop.Plain", "package it.shop; public class Plain {}"));

    assertThatThrownBy(() -> load(classes, "it.shop.Plain"))
        .hasMessage(
            "it.shop.Plain does not implement dev.kit.KitDescription; add 'implements KitDescription', "
                + "or set <description> / -Dkit.description to the class that does.");
  }

  @Test
  void load_asksForANoArgConstructor_whenThereIsNone() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                SHOP.replace(
                    "public dev.kit.model.Kit describe()",
                    "public ShopServices(String n) {}\n public dev.kit.model.Kit describe()")));

    assertThatThrownBy(() -> load(classes, "it.shop.ShopServices"))
        .hasMessageContaining(
            "it.shop.ShopServices needs a public class with a public no-argument constructor")
        .hasMessageContaining("public ShopServices() {}");
  }

  @Test
  void load_namesTheClassAndCause_whenDescribeThrows() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir, Map.of("it.shop.ShopServices", SHOP.replace(".storage(\"1Gi\")", "")));

    assertThatThrownBy(() -> load(classes, null))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessageContaining(
            "it.shop.ShopServices.describe() failed: java.lang.IllegalStateException: "
                + "Database.builder(): call storage(\"10Gi\")")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void load_namesTheCause_whenAStaticInitializerThrows() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                SHOP.replace(
                    "public dev.kit.model.Kit describe()",
                    "static final String REGION = System.getenv(\"KIT_TEST_UNSET_VARIABLE\").trim();\n"
                        + " public dev.kit.model.Kit describe()")));

    assertThatThrownBy(() -> load(classes, null))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessageStartingWith(
            "Creating it.shop.ShopServices failed in the static initializer of"
                + " it.shop.ShopServices: java.lang.NullPointerException")
        .hasMessageEndingWith(
            "Fix that class's static fields and blocks (run with -e for the stack trace).")
        .hasCauseInstanceOf(NullPointerException.class);
  }

  @Test
  void load_namesTheClassWhoseInitializerThrew_whenDescribeFirstUsesIt() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                SHOP.replace("\"1Gi\"", "it.shop.Sizes.SMALL"),
                "it.shop.Sizes",
                "package it.shop; final class Sizes {"
                    + " static final String SMALL = Integer.getInteger(\"kit.test.unset\").toString(); }"));

    assertThatThrownBy(() -> load(classes, null))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessageStartingWith(
            "it.shop.ShopServices.describe() failed in the static initializer of it.shop.Sizes:"
                + " java.lang.NullPointerException")
        .hasCauseInstanceOf(NullPointerException.class);
  }

  @Test
  void load_asksForTheSameKitCore_whenDescribeMeetsAMissingClass() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                SHOP.replace("\"1Gi\"", "it.shop.Sizes.small()"),
                "it.shop.Sizes",
                "package it.shop; final class Sizes { static String small() { return \"1Gi\"; } }"));
    java.nio.file.Files.delete(classes.resolve("it/shop/Sizes.class"));

    assertThatThrownBy(() -> load(classes, null))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessageStartingWith(
            "it.shop.ShopServices.describe() failed: java.lang.NoClassDefFoundError: it/shop/Sizes")
        .hasMessageContaining(
            "Compile the description against the kit-core of the kit-maven-plugin that runs it")
        .hasCauseInstanceOf(NoClassDefFoundError.class);
  }

  @Test
  void load_asksToFixTheDescription_whenDescribeFailsAnAssertion() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                SHOP.replace(
                    "return dev.kit.model.Kit.builder()",
                    "if (true) throw new AssertionError(\"two regions\");\n"
                        + " return dev.kit.model.Kit.builder()")));

    assertThatThrownBy(() -> load(classes, null))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessage(
            "it.shop.ShopServices.describe() failed: java.lang.AssertionError: two regions\n"
                + "Fix the description (run with -e for the stack trace).")
        .hasCauseInstanceOf(AssertionError.class);
  }

  @Test
  void load_asksToFixTheDescription_whenDescribeRecursesWithoutEnd() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                SHOP.replace(
                        "return dev.kit.model.Kit.builder()",
                        "if (size() > 0) return null;\n return dev.kit.model.Kit.builder()")
                    .replace(
                        "public dev.kit.model.Kit describe()",
                        "static int size() { return size() + 1; }\n"
                            + " public dev.kit.model.Kit describe()")));

    assertThatThrownBy(() -> load(classes, null))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessage(
            "it.shop.ShopServices.describe() failed: java.lang.StackOverflowError\n"
                + "Fix the description (run with -e for the stack trace).")
        .hasCauseInstanceOf(StackOverflowError.class);
  }

  @Test
  void load_leavesTheJvmsOwnErrorsRaw_whenDescribeRunsOutOfMemory() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir,
            Map.of(
                "it.shop.ShopServices",
                SHOP.replace(
                    "return dev.kit.model.Kit.builder()",
                    "if (true) throw new OutOfMemoryError(\"test\");\n"
                        + " return dev.kit.model.Kit.builder()")));

    assertThatThrownBy(() -> load(classes, null))
        .isExactlyInstanceOf(OutOfMemoryError.class)
        .hasMessage("test");
  }

  @Test
  void find_isEmpty_whenTheNamedClassIsOnlyInADependencysTestClasses() throws Exception {
    Path dependency =
        JavaCompilation.compile(dir.resolve("lib"), Map.of("it.shop.ShopServices", SHOP));
    Path own =
        JavaCompilation.compile(
            dir.resolve("service"),
            Map.of("it.app.Plain", "package it.app; public class Plain {}"));

    Optional<KitDescriptions.Loaded> found =
        KitDescriptions.find(
            List.of(own, dependency, JavaCompilation.kitCore()),
            own,
            Optional.of("it.shop.ShopServices"));

    assertThat(found).isEmpty();
    try (KitDescriptions.Loaded there = find(dependency, "it.shop.ShopServices").orElseThrow()) {
      assertThat(there.className()).isEqualTo("it.shop.ShopServices");
    }
  }

  @Test
  void find_isEmpty_whenNoClassIsNamedAndNoneIsThere() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir, Map.of("it.lib.Plain", "package it.lib; public class Plain {}"));
    Path missing = dir.resolve("never-compiled");

    assertThat(find(classes, null)).isEmpty();
    assertThat(find(missing, null)).isEmpty();
    assertThat(find(classes, "it.shop.Missing")).isEmpty();
  }

  @Test
  void find_failsAsLoadDoes_whenTheNamedClassIsThereButNoDescription() throws Exception {
    Path classes =
        JavaCompilation.compile(
            dir, Map.of("it.shop.Plain", "package it.shop; public class Plain {}"));

    assertThatThrownBy(() -> find(classes, "it.shop.Plain"))
        .isInstanceOf(KitDescriptionException.class)
        .hasMessageStartingWith("it.shop.Plain does not implement dev.kit.KitDescription");
  }

  @Test
  void find_describesTheOnlyDescription_asLoadDoes() throws Exception {
    Path classes = JavaCompilation.compile(dir, Map.of("it.shop.ShopServices", SHOP));

    Optional<KitDescriptions.Loaded> found = find(classes, null);

    assertThat(found).isPresent();
    try (KitDescriptions.Loaded loaded = found.get()) {
      assertThat(loaded.className()).isEqualTo("it.shop.ShopServices");
    }
  }

  @Test
  void load_restoresTheContextClassLoader_afterDescribe() throws Exception {
    Path classes = JavaCompilation.compile(dir, Map.of("it.shop.ShopServices", SHOP));
    ClassLoader before = Thread.currentThread().getContextClassLoader();

    try (KitDescriptions.Loaded loaded = load(classes, null)) {
      assertThat(loaded.className()).isEqualTo("it.shop.ShopServices");
    }

    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  private static Optional<KitDescriptions.Loaded> find(Path classes, String className)
      throws Exception {
    return KitDescriptions.find(
        List.of(classes, JavaCompilation.kitCore()), classes, Optional.ofNullable(className));
  }

  private static KitDescriptions.Loaded load(Path classes, String className) throws Exception {
    return KitDescriptions.load(
        List.of(classes, JavaCompilation.kitCore()), classes, Optional.ofNullable(className));
  }
}
