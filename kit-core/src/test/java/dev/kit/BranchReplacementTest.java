package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.model.PlanetScale;
import dev.kit.write.Drift;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regeneration whose {@code database/main.tf} gives the PlanetScale branch a new create-time
 * attribute warns at {@code kit:generate} and {@code kit:check} that the next apply replaces the
 * branch: read from the committed module, not from the description.
 */
class BranchReplacementTest {

  private static final String MODULE = "services/orders/database/main.tf";
  private static final String DEV_MODULE = "services/orders/envs/dev/database/main.tf";
  private static final String PROD_MODULE = "services/orders/envs/prod/database/main.tf";

  @TempDir Path repo;
  private Generator generator;

  @BeforeEach
  void setUp() {
    generator = Generator.forRepository(repo).source("ShopServices");
  }

  private static Kit kit(int major, UnaryOperator<PlanetScale.Builder> branch) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.postgresMajor(major)
                                .planetScale(
                                    ps ->
                                        branch.apply(
                                            ps.organization("acme")
                                                .database("shop")
                                                .branch("main")
                                                .production(false)))))
        .build();
  }

  /**
   * Orders in environments dev and prod on {@code major}: dev's branch is {@code dev}, not a
   * production one; prod's is {@code main}, a production branch (the default).
   */
  private static Kit inEnvironments(int major) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
        .environment("prod", e -> e.destinationName("prod-eu"))
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.postgresMajor(major)
                                .planetScale(
                                    ps -> ps.organization("acme").database("shop").branch("main")))
                    .in(
                        "dev",
                        d ->
                            d.database(
                                db ->
                                    db.planetScale(
                                        ps ->
                                            ps.organization("acme")
                                                .database("shop")
                                                .branch("dev")
                                                .production(false)))))
        .build();
  }

  private List<String> replacements(WriteReport report) {
    return report.warnings().stream()
        .filter(w -> w.contains("replaces the branch") || w.contains("adoptBranch(...) is gone"))
        .toList();
  }

  @Test
  void generate_warnsForEachEnvironmentsBranch_whenTheMajorVersionChanges() {
    generator.generate(inEnvironments(17));

    WriteReport report = generator.generate(inEnvironments(18));

    assertThat(report.updated()).contains(DEV_MODULE, PROD_MODULE);
    List<String> warnings = replacements(report);
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(1))
        .startsWith(
            "service orders, environment prod: major_version 17 -> 18 on PlanetScale branch `main`")
        .contains("The branch has prevent_destroy, so the next apply fails and changes nothing");
    assertThat(warnings.get(0))
        .startsWith(
            "service orders, environment dev: major_version 17 -> 18 on PlanetScale branch `dev` ("
                + DEV_MODULE
                + ") replaces the branch")
        .contains("PlanetScale destroy it with its data and create an empty one")
        .contains("the migrations run again from the start")
        .contains(
            "revert services[orders].database.postgresMajor (back to 17, in in(\"dev\", ...) or the"
                + " service's own)")
        .doesNotContain("prevent_destroy");
    assertThat(generator.generate(inEnvironments(18)).warnings())
        .as("once written, the module is what is committed: nothing left to say")
        .noneMatch(w -> w.contains("replaces the branch"));
  }

  @Test
  void generate_warns_whenARegionIsAddedOrChanged() {
    generator.generate(kit(17, ps -> ps));

    assertThat(replacements(generator.generate(kit(17, ps -> ps.region("aws-eu-west-1")))))
        .singleElement()
        .asString()
        .startsWith(
            "service orders: region (unset: the database's default region) -> aws-eu-west-1 on"
                + " PlanetScale branch `main`")
        .contains("revert services[orders].database.planetScale.region (remove it)");
    assertThat(replacements(generator.generate(kit(17, ps -> ps.region("aws-us-east-1")))))
        .singleElement()
        .asString()
        .contains("region aws-eu-west-1 -> aws-us-east-1")
        .contains("(back to aws-eu-west-1)");
  }

  @Test
  void generate_warns_whenTheParentBranchChanges() {
    generator.generate(kit(17, ps -> ps.parentBranch("main")));

    assertThat(replacements(generator.generate(kit(17, ps -> ps.parentBranch("staging")))))
        .singleElement()
        .asString()
        .contains("parent_branch main -> staging on PlanetScale branch `main`")
        .contains("services[orders].database.planetScale.parentBranch (back to main)");
  }

  @Test
  void generate_warnsOnceWithEveryChange_whenTheBranchIsRenamed() {
    // The pinned release's pages do not mark name as replacing; the provider's code does.
    generator.generate(kit(17, ps -> ps));

    assertThat(
            replacements(
                generator.generate(
                    kit(18, ps -> ps.branch("orders").parentBranch("main").region("eu")))))
        .singleElement()
        .asString()
        .contains(
            "name main -> orders, major_version 17 -> 18, region (unset: the database's default"
                + " region) -> eu, parent_branch (unset: the database's default branch) -> main on"
                + " PlanetScale branch `main`")
        .contains("these attributes")
        .contains(
            "revert services[orders].database.planetScale.branch (back to main),"
                + " services[orders].database.postgresMajor (back to 17),"
                + " services[orders].database.planetScale.region (remove it),"
                + " services[orders].database.planetScale.parentBranch (remove it)");
  }

  @Test
  void generate_warnsThatTheBranchIsReplaced_whenAnAdoptedBranchIsNoLongerAdopted() {
    generator.generate(kit(17, ps -> ps.adoptBranch("ru00w3vqvfr9")));

    assertThat(replacements(generator.generate(kit(17, ps -> ps))))
        .singleElement()
        .asString()
        .startsWith(
            "service orders: adoptBranch(...) is gone from PlanetScale branch `main`"
                + " (services/orders/database/main.tf), which existed before kit")
        .contains("so the next apply replaces it, destroying it with its data")
        .contains("Keep adoptBranch(...) on services[orders].database.planetScale");
    // Adopted, its create-time attributes are PlanetScale's: nothing to compare.
    generator.generate(kit(17, ps -> ps.adoptBranch("ru00w3vqvfr9")));
    assertThat(replacements(generator.generate(kit(18, ps -> ps.adoptBranch("ru00w3vqvfr9")))))
        .isEmpty();
  }

  @Test
  void generate_saysTheModuleNeverDestroysAnAdoptedBranch_whenItsNameChanges() {
    generator.generate(kit(17, ps -> ps.adoptBranch("ru00w3vqvfr9")));

    assertThat(
            replacements(
                generator.generate(kit(17, ps -> ps.branch("orders").adoptBranch("ru00w3vqvfr9")))))
        .singleElement()
        .asString()
        .contains("name main -> orders on PlanetScale branch `main`")
        .contains("The branch has prevent_destroy, so the next apply fails and changes nothing")
        .contains("revert services[orders].database.planetScale.branch (back to main)")
        .endsWith(" The module never destroys an adopted branch.")
        .doesNotContain("To replace it anyway");
  }

  @Test
  void generate_saysTheApplyFailsOnPreventDestroy_forAProductionBranch() {
    generator.generate(kit(17, ps -> ps.production(true)));

    assertThat(replacements(generator.generate(kit(18, ps -> ps.production(true)))))
        .singleElement()
        .asString()
        .contains("The branch has prevent_destroy, so the next apply fails and changes nothing")
        .contains("To keep the branch, revert services[orders].database.postgresMajor")
        .contains(
            "apply production(false) alone (the module drops prevent_destroy and sets"
                + " deletion_protected = false)")
        .doesNotContain("create an empty one (the migrations");
  }

  @Test
  void generate_warnsNothing_whenOnlyTheSizeReplicasOrParametersChange() {
    generator.generate(kit(17, ps -> ps));

    WriteReport report =
        generator.generate(
            kit(
                17,
                ps ->
                    ps.clusterSize("PS_10_AWS_ARM")
                        .replicas(2)
                        .parameter("max_connections", "200")));

    assertThat(report.updated()).contains(MODULE);
    assertThat(replacements(report)).isEmpty();
  }

  @Test
  void generate_warnsNothing_onTheFirstGeneration() {
    WriteReport report = generator.generate(kit(18, ps -> ps.region("aws-eu-west-1")));

    assertThat(report.created()).contains(MODULE);
    assertThat(replacements(report)).isEmpty();
  }

  @Test
  void generate_warnsNothing_whenTheCommittedModuleIsNotAsKitWritesIt() throws IOException {
    generator.generate(kit(17, ps -> ps));
    Path module = repo.resolve(MODULE);
    // kit's header, but the branch's lines re-aligned by hand: not kit's output, so not read
    String edited =
        Files.readString(module, StandardCharsets.UTF_8)
            .replace("  major_version = \"17\"", "  major_version=\"17\"");
    Files.writeString(module, edited, StandardCharsets.UTF_8);

    WriteReport report = generator.generate(kit(18, ps -> ps));

    assertThat(report.updated()).contains(MODULE);
    assertThat(replacements(report)).isEmpty();
  }

  @Test
  void check_warnsAsGenerateWould_whileTheModuleIsStale() {
    generator.generate(kit(17, ps -> ps));

    Drift drift = generator.check(kit(18, ps -> ps));

    assertThat(drift.stale()).contains(MODULE);
    assertThat(drift.warnings())
        .singleElement()
        .asString()
        .startsWith("service orders: major_version 17 -> 18 on PlanetScale branch `main`");
    assertThat(generator.check(kit(17, ps -> ps)).warnings()).isEmpty();
  }

  @Test
  void generate_warnsWithTheCache_andNeverKeepsTheWarningInIt() {
    Generator cached = generator.cache(repo.resolve("target/kit-cache"));
    cached.generate(kit(17, ps -> ps));

    assertThat(replacements(cached.generate(kit(18, ps -> ps)))).hasSize(1);
    WriteReport again = cached.generate(kit(18, ps -> ps));
    assertThat(again.skippedServices()).containsExactly("orders");
    assertThat(replacements(again)).isEmpty();
  }
}
