package dev.kit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClassFileNamesTest {

  private static final Path ROOT = Path.of("target", "test-classes");

  @Test
  void binaryName_isDottedPackageAndClass_whenClassFileInPackage() {
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("com/acme/shop/ShopServices.class")))
        .contains("com.acme.shop.ShopServices");
  }

  @Test
  void binaryName_keepsDollar_whenNestedClass() {
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("com/acme/Outer$Inner.class")))
        .contains("com.acme.Outer$Inner");
  }

  @Test
  void binaryName_isSimpleName_whenDefaultPackage() {
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("Services.class"))).contains("Services");
  }

  @Test
  void binaryName_isEmpty_whenNotAClassFile() {
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("com/acme/application.yaml"))).isEmpty();
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("com/acme/Shop.class.bak"))).isEmpty();
  }

  @Test
  void binaryName_isEmpty_whenModuleOrPackageInfo() {
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("module-info.class"))).isEmpty();
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("com/acme/package-info.class"))).isEmpty();
  }

  @Test
  void binaryName_isEmpty_whenPathIsNotAPackage() {
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("META-INF/versions/17/com/acme/Shop.class"))).isEmpty();
    assertThat(ClassFileNames.binaryName(ROOT, ROOT.resolve("com/1acme/Shop.class"))).isEmpty();
  }
}
