package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.testing.GitWorkTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a pull request the developer regenerated and committed, so nothing is stale: {@link
 * Generator#check(dev.kit.model.Kit, String)} still says that the PlanetScale branch is replaced,
 * comparing the plan with the module the base revision holds, in a real Git repository.
 */
class BranchReplacementSinceBaseTest {

  private static final String MODULE = "services/orders/database/main.tf";

  @TempDir Path workTree;

  private static Kit kit(int major, String... services) {
    Kit.Builder kit =
        Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
    for (String service : services) {
      kit.service(
          service,
          s ->
              s.withoutMigrations()
                  .database(
                      db ->
                          db.postgresMajor(major)
                              .planetScale(
                                  ps ->
                                      ps.organization("acme")
                                          .database("shop")
                                          .branch(service)
                                          .production(false))));
    }
    return kit.build();
  }

  private void git(String... args) throws IOException, InterruptedException {
    new GitWorkTree(workTree).git(args);
  }

  /** Generates {@code kit} into {@code repository} and commits it on branch {@code main}. */
  private Generator commitBase(Path repository, Kit kit) throws IOException, InterruptedException {
    Generator generator = Generator.forRepository(repository).source("ShopServices");
    generator.generate(kit);
    new GitWorkTree(repository).commitAllOnMain();
    return generator;
  }

  @Test
  void checkSince_warns_whenTheRegeneratedModuleIsNotStale() throws Exception {
    Generator generator = commitBase(workTree, kit(17, "orders"));
    generator.generate(kit(18, "orders"));
    git("checkout", "-q", "-b", "feature");
    git("commit", "-q", "-am", "postgres 18");

    assertThat(generator.check(kit(18, "orders")).isEmpty()).isTrue();
    assertThat(generator.check(kit(18, "orders")).warnings())
        .as("the disk holds 18 already: nothing to say from it")
        .isEmpty();
    assertThat(generator.check(kit(18, "orders"), "main").warnings())
        .singleElement()
        .asString()
        .startsWith(
            "service orders: major_version 17 -> 18 on PlanetScale branch `orders` ("
                + MODULE
                + ") replaces the branch");
  }

  @Test
  void checkSince_isEmpty_whenTheModuleIsAsTheBaseHoldsIt() throws Exception {
    Generator generator = commitBase(workTree, kit(17, "orders"));

    assertThat(generator.check(kit(17, "orders"), "HEAD").warnings()).isEmpty();
  }

  @Test
  void checkSince_readsTheBase_whenTheRepositoryIsASubFolderOfTheWorkTree() throws Exception {
    Path repository = Files.createDirectories(workTree.resolve("platform/shop"));
    Generator generator = commitBase(repository, kit(17, "orders"));
    generator.generate(kit(18, "orders"));

    assertThat(generator.check(kit(18, "orders"), "HEAD").warnings())
        .singleElement()
        .asString()
        .startsWith("service orders: major_version 17 -> 18 on PlanetScale branch `orders`");
  }

  @Test
  void checkSince_saysItOnce_whenTheStaleModuleAndTheBaseBothWarn() throws Exception {
    Generator generator = commitBase(workTree, kit(17, "orders"));

    assertThat(generator.check(kit(18, "orders")).warnings()).hasSize(1);
    assertThat(generator.check(kit(18, "orders"), "HEAD").warnings())
        .singleElement()
        .asString()
        .startsWith("service orders: major_version 17 -> 18");
  }

  @Test
  void checkSince_saysNothingOfANewService_missingAtTheBase() throws Exception {
    Generator generator = commitBase(workTree, kit(17, "orders"));
    generator.generate(kit(17, "orders", "billing"));

    assertThat(generator.check(kit(17, "orders", "billing"), "HEAD").warnings()).isEmpty();
    generator.generate(kit(18, "orders", "billing"));
    assertThat(generator.check(kit(18, "orders", "billing"), "HEAD").warnings())
        .as("billing's module is new; orders' is the one the base holds")
        .singleElement()
        .asString()
        .startsWith("service orders: major_version 17 -> 18");
  }

  @Test
  void checkSince_isEmpty_whenTheModuleIsALinkAtTheBase() throws Exception {
    Generator generator = Generator.forRepository(workTree).source("ShopServices");
    generator.generate(kit(17, "orders"));
    Path module = workTree.resolve(MODULE);
    Path kept = workTree.resolve("kept.tf");
    Files.move(module, kept);
    Files.createSymbolicLink(module, Path.of("../../../kept.tf"));
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "a linked module");

    assertThat(generator.check(kit(18, "orders"), "HEAD").warnings()).isEmpty();
  }

  @Test
  void checkSince_isEmpty_whenGitHasNoSuchRevisionOrNoRepository() throws Exception {
    // The disk holds what is planned each time: only the base could warn.
    Generator generator = Generator.forRepository(workTree).source("ShopServices");
    generator.generate(kit(18, "orders"));

    assertThat(generator.check(kit(18, "orders"), "main").warnings())
        .as("not a Git work tree")
        .isEmpty();
    generator.generate(kit(17, "orders"));
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "base");
    generator.generate(kit(18, "orders"));
    assertThat(generator.check(kit(18, "orders"), "origin/main").warnings()).isEmpty();
    assertThat(generator.check(kit(18, "orders"), "--output=x").warnings()).isEmpty();
    assertThat(workTree.resolve("x")).doesNotExist();
    assertThat(generator.check(kit(18, "orders"), "main").warnings()).hasSize(1);
  }
}
