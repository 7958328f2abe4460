package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Platform;
import dev.kit.testing.ArgoGlob;
import dev.kit.testing.GitWorkTree;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root and argocd-cm, applied by hand: a change to them is said, with the command. */
class HandAppliedFilesTest {

  private static final String ROOT =
      "platform/root.yaml: the root Application changes, and nothing syncs it (it syncs the rest,"
          + " never itself), so Argo CD keeps the one applied before until you apply this one: once"
          + " it is merged, kubectl apply -f platform/root.yaml (on Argo CD's cluster)";

  @TempDir Path repo;

  @BeforeEach
  void migrations() throws IOException {
    Path migrations = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.writeString(migrations.resolve("20250101000000_init.sql"), "CREATE TABLE t (id int);\n");
  }

  private static Kit.Builder shop() {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .argoCd(
                        ArgoCd.builder()
                            .project("shop")
                            .delivery(ArgoCd.Delivery.APP_OF_APPS)
                            .build()))
        .platform(Platform.defaults())
        .service("orders", s -> s.database(db -> db.storage("1Gi")));
  }

  /** With a PlanetScale service: the provider's folder, which the root must leave out. */
  private static Kit withPlanetScale() {
    return shop()
        .service(
            "payments",
            s ->
                s.withoutMigrations()
                    .database(db -> db.planetScale(ps -> ps.organization("acme").database("pay"))))
        .build();
  }

  @Test
  void reviews_theRootsAndArgocdCm_ofEveryLayout() {
    assertThat(HandAppliedFiles.reviews("platform/root.yaml")).isTrue();
    assertThat(HandAppliedFiles.reviews("platform/argocd-cm.yaml")).isTrue();
    assertThat(HandAppliedFiles.reviews("platform/prod/root.yaml")).isTrue();
    assertThat(HandAppliedFiles.reviews("platform/prod/argocd-cm.yaml")).isTrue();
    assertThat(HandAppliedFiles.reviews("platform/prod/planetscale-provider/root.yaml")).isFalse();
    assertThat(HandAppliedFiles.reviews("platform/cloudnative-pg.yaml")).isFalse();
    assertThat(HandAppliedFiles.reviews("services/orders/root.yaml")).isFalse();
  }

  @Test
  void generate_saysToApplyTheRootAndArgocdCmAgain_whenWhatTheySayChanges() {
    Generator generator = Generator.forRepository(repo).source("com.acme.Shop");
    generator.generate(shop().build());

    WriteReport report = generator.generate(withPlanetScale());

    assertThat(report.updated()).contains("platform/root.yaml", "platform/argocd-cm.yaml");
    assertThat(report.warnings())
        .contains(
            ROOT,
            "platform/argocd-cm.yaml: Argo CD's health checks change, and argocd-cm is applied by"
                + " hand (merged into Argo CD's own; no root syncs it), so Argo CD keeps the keys"
                + " applied before until you apply these: once it is merged, kubectl apply"
                + " --server-side -f platform/argocd-cm.yaml (or the same keys in your Argo CD Helm"
                + " values, configs.cm)");
    assertThat(generator.generate(withPlanetScale()).warnings())
        .as("said once")
        .noneMatch(warning -> warning.startsWith("platform/"));

    Kit without = shop().build();
    assertThat(generator.generate(without).warnings())
        .as("the root changes back; argocd-cm only loses keys, which stay harmless where applied")
        .contains(ROOT)
        .noneMatch(warning -> warning.startsWith("platform/argocd-cm.yaml"));
  }

  @Test
  void check_saysItToo_beforeTheGeneration() {
    Generator generator = Generator.forRepository(repo).source("com.acme.Shop");
    generator.generate(shop().build());

    assertThat(generator.check(withPlanetScale()).warnings()).contains(ROOT);
  }

  @Test
  void checkAgainstTheBase_saysIt_whenTheBranchRegeneratedTheRootAlready() throws Exception {
    Generator generator = Generator.forRepository(repo).source("com.acme.Shop");
    generator.generate(shop().build());
    GitWorkTree git = new GitWorkTree(repo);
    git.commitAllOnMain();
    git.git("checkout", "-q", "-b", "feature");
    generator.generate(withPlanetScale());
    git.git("add", ".");
    git.git("commit", "-q", "-m", "payments");

    assertThat(generator.check(withPlanetScale()).warnings())
        .as("the disk holds the new root already: nothing to say from it")
        .doesNotContain(ROOT);
    assertThat(generator.check(withPlanetScale(), "main").warnings()).contains(ROOT);
  }

  /**
   * Why the root warning matters: a root applied before a platform folder existed has no exclude
   * for it, and Argo CD's globs let its {@code platform/*.yaml} reach into the folder.
   */
  @Test
  void argoCdsGlob_letsTheRootsPlatformPatternReachIntoAFolderItDoesNotExclude() {
    assertThat(ArgoGlob.argoCd("{platform/*.yaml,services/*/application.yaml}"))
        .matches(glob -> glob.matches("platform/planetscale-provider/provider.yaml"))
        .matches(glob -> glob.matches("platform/prod/argocd-cm.yaml"));
    assertThat(ArgoGlob.argoCd("{platform/root.yaml,platform/argocd-cm.yaml}"))
        .matches(glob -> !glob.matches("platform/prod/argocd-cm.yaml"));
  }

  @Test
  void generate_saysNothing_whenOnlyTheHeadersSourceChanges() {
    Generator.forRepository(repo).source("com.acme.Shop").generate(shop().build());

    WriteReport report =
        Generator.forRepository(repo).source("com.acme.OtherShop").generate(shop().build());

    assertThat(report.updated()).contains("platform/root.yaml");
    assertThat(report.warnings()).noneMatch(warning -> warning.startsWith("platform/"));
  }
}
