package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.testing.ColdJvm;
import dev.kit.testing.FullService;
import dev.kit.testing.Validations;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What validating a full CloudNativePG service costs a fresh JVM beyond running the rules: every
 * class it loads is listed by a child JVM ({@code -Xlog:class+load}). A record's first {@code
 * equals} bootstraps {@code java.lang.runtime.ObjectMethods} (~50 ms cold), and each lambda or
 * method reference the rules reach spins a hidden class (~0.5 ms cold each); PROFILE.md, section
 * 15.
 */
class ColdValidationTest {

  /** The child JVM: validates {@link FullService} once and prints its violations' count. */
  public static void main(String[] args) {
    MigrationDirectory migrations = FullService.migrations();
    System.out.println(
        "violations: " + Validations.of(FullService.kit(), s -> Optional.of(migrations)).size());
  }

  /** The classes the child JVM loaded, in order; one child serves every test. */
  private static List<String> loaded;

  private static synchronized List<String> classesLoadedByValidating()
      throws IOException, InterruptedException {
    if (loaded != null) {
      return loaded;
    }
    List<String> lines = ColdJvm.run(ColdValidationTest.class);
    assertThat(lines).contains("violations: 0");
    loaded =
        ColdJvm.classesLoaded(lines, DatabaseRules.class.getName(), ServiceRules.class.getName());
    return loaded;
  }

  @Test
  void validate_bootstrapsNoRecordMethod_whenTheDatabaseIsCloudNativePg()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByValidating())
        .filteredOn(c -> c.startsWith("java.lang.runtime."))
        .isEmpty();
  }

  @Test
  void validate_spinsNoLambdaClassOfTheRules_forAFullCloudNativePgService()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByValidating())
        .filteredOn(c -> c.startsWith("dev.kit.validate.") && c.contains("$$Lambda"))
        .filteredOn(c -> !c.startsWith(ColdValidationTest.class.getName())) // the builder's
        .isEmpty();
  }
}
