package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patch is checked against the object it changes, so its failure is known only once that object
 * renders; the user still sees it in the one report with every other violation, not after fixing
 * those.
 */
class PatchFailuresReportTest {

  @TempDir Path repo;

  private static final Patch BAD_PATH =
      Patch.replace(Patch.Target.CLUSTER, "/spec/nothingHere", "x");

  @Test
  void generate_reportsPatchFailuresWithEveryOtherViolation_inOneReport() throws Exception {
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("not a revision"))
            .service(
                "orders",
                s -> s.withoutMigrations().database(db -> db.storage("1Gi")).patch(BAD_PATH))
            .service(
                "payments",
                s -> s.withoutMigrations().database(db -> db.storage("10GB")).patch(BAD_PATH))
            .build();

    KitValidationException e =
        catchThrowableOfType(
            KitValidationException.class, () -> Generator.forRepository(repo).generate(kit));

    assertThat(e.violations())
        .map(Violation::toString)
        .containsExactly(
            "repository.targetRevision: \"not a revision\" is not a Git revision (use a branch, tag or commit such as \"main\")",
            "services[payments].database.storage.size: \"10GB\" is not a Kubernetes quantity (try \"10Gi\")",
            "services[orders].patches[0]: cannot replace /spec/nothingHere on the CLUSTER: nothing at /spec/nothingHere to replace; "
                + "use Patch.set to add it (check the path against the object in services/orders/manifests/database/cluster.yaml)",
            "services[payments].patches[0]: cannot replace /spec/nothingHere on the CLUSTER: nothing at /spec/nothingHere to replace; "
                + "use Patch.set to add it (check the path against the object in services/payments/manifests/database/cluster.yaml)");
    try (Stream<Path> written = Files.walk(repo)) {
      assertThat(written.filter(Files::isRegularFile).toList()).as("nothing written").isEmpty();
    }
  }

  @Test
  void generate_reportsTheOtherViolations_whenAServiceWithABadPatchCannotRender() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s -> s.database(db -> db.storage("1Gi")).patch(BAD_PATH)) // no migrations folder
            .build();

    KitValidationException e =
        catchThrowableOfType(
            KitValidationException.class, () -> Generator.forRepository(repo).generate(kit));

    assertThat(e.violations())
        .map(Violation::path)
        .containsExactly("services[orders].migrations.directory");
  }

  @Test
  void plan_reportsPatchFailuresAlone_whenTheRestIsValid() {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service(
                "orders",
                s -> s.withoutMigrations().database(db -> db.storage("1Gi")).patch(BAD_PATH))
            .build();

    KitValidationException e =
        catchThrowableOfType(
            KitValidationException.class, () -> Generator.forRepository(repo).plan(kit));

    assertThat(e.violations())
        .map(Violation::path)
        .isEqualTo(List.of("services[orders].patches[0]"));
  }
}
