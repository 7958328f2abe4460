package dev.kit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.Kit;
import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import dev.kit.verify.ServerStartException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals that start an embedded PostgreSQL: a major kit pins no binaries for is the user's to
 * change, said by each goal with its own way on; a bad revert parameter is named as typed.
 */
class EmbeddedPostgresMojoTest {

  /** What kit-verify throws when the server of {@code major} for {@code services} cannot start. */
  private static IllegalStateException notStarted(List<String> services, int major) {
    try {
      MavenPostgresBinaries.coordinates(major);
    } catch (IllegalStateException e) {
      return new ServerStartException(services, e);
    }
    throw new AssertionError("kit pins PostgreSQL " + major);
  }

  @Test
  void coordinates_isGoalNeutral_whenKitPinsNoBinariesForTheMajor() {
    assertThatThrownBy(() -> MavenPostgresBinaries.coordinates(14))
        .isInstanceOf(UnpinnedBinariesException.class)
        .hasMessage("kit has no PostgreSQL 14 binaries; it runs majors [15, 16, 17, 18]");
  }

  @Test
  void unpinnedBinaries_saysToSkipVerify_forKitVerify() throws MojoExecutionException {
    MojoFailureException failure =
        EmbeddedPostgresMojo.unpinnedBinaries(
            notStarted(List.of("orders"), 14), VerifyMojo.SKIP_ADVICE);

    assertThat(failure)
        .hasMessage(
            "kit: services[orders].database.postgresMajor: kit has no PostgreSQL 14 binaries; it"
                + " runs majors [15, 16, 17, 18]; skip this goal with -Dkit.verify.skip=true until"
                + " kit pins binaries for it");
  }

  @Test
  void unpinnedBinaries_saysToWriteTheRevertByHand_forNewMigration() throws MojoExecutionException {
    MojoFailureException failure =
        EmbeddedPostgresMojo.unpinnedBinaries(
            notStarted(List.of("orders"), 14), NewMigrationMojo.byHand("20250215093000"));

    assertThat(failure)
        .hasMessage(
            "kit: services[orders].database.postgresMajor: kit has no PostgreSQL 14 binaries; it"
                + " runs majors [15, 16, 17, 18]; write the revert by hand: mvn kit:new-migration"
                + " -Dkit.name=revert_20250215093000, then fill in the SQL that undoes it");
  }

  @Test
  void unpinnedBinaries_namesEachServicesField_whenServicesShareTheUnpinnedMajor()
      throws MojoExecutionException {
    MojoFailureException failure =
        EmbeddedPostgresMojo.unpinnedBinaries(
            notStarted(List.of("orders", "payments"), 14), VerifyMojo.SKIP_ADVICE);

    assertThat(failure)
        .hasMessageStartingWith(
            "kit: services[orders].database.postgresMajor, services[payments].database.postgresMajor:"
                + " kit has no PostgreSQL 14 binaries;");
  }

  @Test
  void unpinnedBinaries_namesTheServices_whenThisMachineHasNoBinaries()
      throws MojoExecutionException {
    String machine = "kit has no PostgreSQL binaries for the s390x architecture";
    IllegalStateException e =
        new ServerStartException(
            List.of("orders"),
            new UnpinnedBinariesException(machine, false, new IllegalArgumentException(machine)));

    assertThat(EmbeddedPostgresMojo.unpinnedBinaries(e, VerifyMojo.SKIP_ADVICE))
        .hasMessage(
            "kit: orders: kit has no PostgreSQL binaries for the s390x architecture; skip this"
                + " goal with -Dkit.verify.skip=true until kit pins binaries for it");
  }

  @Test
  void verify_failsWithTheSkipAdvice_whenAServiceRunsAnUnpinnedMajor(@TempDir Path repository)
      throws Exception {
    VerifyMojo mojo = mojo(new VerifyMojo(), repository);

    assertThatThrownBy(() -> mojo.verify(onPostgres14(repository)))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "kit: services[orders].database.postgresMajor: kit has no PostgreSQL 14 binaries; it"
                + " runs majors [15, 16, 17, 18]; skip this goal with -Dkit.verify.skip=true until"
                + " kit pins binaries for it");
  }

  @Test
  void revert_failsWithTheWayByHand_whenTheServiceRunsAnUnpinnedMajor(@TempDir Path repository)
      throws Exception {
    NewMigrationMojo mojo = mojo(new NewMigrationMojo(), repository);

    assertThatThrownBy(
            () ->
                mojo.revert(
                    "com.acme.shop.ShopServices",
                    onPostgres14(repository),
                    "20250215093000",
                    Optional.empty()))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "kit: services[orders].database.postgresMajor: kit has no PostgreSQL 14 binaries; it"
                + " runs majors [15, 16, 17, 18]; write the revert by hand: mvn kit:new-migration"
                + " -Dkit.name=revert_20250215093000, then fill in the SQL that undoes it");
    assertThat(repository.resolve("services/orders/migrations"))
        .isDirectoryNotContaining("glob:**revert*");
  }

  /**
   * A description whose one service runs PostgreSQL 14, which kit pins no binaries for, with one
   * migration in {@code repository}.
   */
  private static Kit onPostgres14(Path repository) throws IOException {
    Path migrations = Files.createDirectories(repository.resolve("services/orders/migrations"));
    Files.writeString(
        migrations.resolve("20250215093000_add_users.sql"), "CREATE TABLE users (id bigint);\n");
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service(
            "orders",
            s ->
                s.database(
                    db ->
                        db.storage("1Gi")
                            .postgresMajor(14)
                            .imageName("ghcr.io/cloudnative-pg/postgresql:14.18")))
        .build();
  }

  /**
   * {@code mojo} on {@code repository} as Maven would inject it; the repository system stays unset,
   * since kit refuses an unpinned major before resolving anything.
   */
  private static <T extends EmbeddedPostgresMojo> T mojo(T mojo, Path repository)
      throws ReflectiveOperationException {
    set(mojo, DescriptionMojo.class, "basedir", repository.toFile());
    set(
        mojo,
        EmbeddedPostgresMojo.class,
        "workDirectory",
        repository.resolve("target/kit-verify").toFile());
    return mojo;
  }

  private static void set(Object mojo, Class<?> owner, String field, Object value)
      throws ReflectiveOperationException {
    Field declared = owner.getDeclaredField(field);
    declared.setAccessible(true);
    declared.set(mojo, value);
  }

  @Test
  void unpinnedBinaries_throwsAnExecutionFailure_whenTheServerFailedForAnotherReason() {
    IllegalStateException e =
        new IllegalStateException("orders: the server did not start; see postgres-17.log");

    assertThatThrownBy(() -> EmbeddedPostgresMojo.unpinnedBinaries(e, VerifyMojo.SKIP_ADVICE))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("kit: orders: the server did not start; see postgres-17.log")
        .hasCause(e);
  }

  @Test
  void revertProperties_nameTheRevertsParameters_whenTheServiceOrVersionIsWrong() {
    KitValidationException e =
        new KitValidationException(
            List.of(
                new Violation(
                    "newMigration.service", "there is no service \"ordrs\"", "use one of [orders]"),
                new Violation(
                    "newMigration.revert",
                    "no migration 20250215093001",
                    "name the version of a migration of service \"orders\" that applies")));

    assertThat(DescriptionMojo.parameterFailure(e, NewMigrationMojo.REVERT_PROPERTIES))
        .hasMessage(
            "kit: -Dkit.service: there is no service \"ordrs\" (use one of [orders])\n"
                + "  -Dkit.revert: no migration 20250215093001 (name the version of a migration of"
                + " service \"orders\" that applies)");
  }

  @Test
  void revertProperties_keepTheViolationsPath_whenTheNewFilesClockStampIsTaken() {
    KitValidationException e =
        new KitValidationException(
            List.of(
                new Violation(
                    "newMigration.name",
                    "version 20250301120000 is already taken by 20250301120000_add_users.sql",
                    "wait a second and run it again")));

    assertThatThrownBy(
            () -> DescriptionMojo.parameterFailure(e, NewMigrationMojo.REVERT_PROPERTIES))
        .isSameAs(e);
  }
}
