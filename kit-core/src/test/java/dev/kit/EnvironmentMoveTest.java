package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.model.Platform;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A description that gains environments: what kit generated in a service's own folder moves into
 * {@code envs/<environment>/}, but the database those manifests named keeps running, and the root
 * applied from {@code platform/root.yaml} stays in Argo CD.
 */
class EnvironmentMoveTest {

  private static final String RETIRED = "services/orders/RETIRED.md";

  @TempDir Path repo;
  private Generator generator;

  @BeforeEach
  void migrations() throws IOException {
    Path migrations = Files.createDirectories(repo.resolve("services/orders/migrations"));
    Files.writeString(migrations.resolve("20250101000000_init.sql"), "CREATE TABLE t (id int);\n");
    generator = Generator.forRepository(repo).source("com.acme.Shop");
  }

  /** orders with backups, on the repository's cluster, with a Platform. */
  private static Kit.Builder shop(ArgoCd.Delivery delivery) {
    return shop(delivery, s -> s);
  }

  private static Kit.Builder shop(ArgoCd.Delivery delivery, UnaryOperator<Service.Builder> more) {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .argoCd(ArgoCd.builder().project("shop").delivery(delivery).build()))
        .platform(Platform.defaults())
        .service(
            "orders",
            s ->
                more.apply(
                    s.database(
                        db ->
                            db.storage("1Gi")
                                .bootstrap("shop", "shop")
                                .backups(
                                    "s3://acme-backups/orders/",
                                    b -> b.credentials(S3Credentials.inheritFromPodIdentity())))));
  }

  private static Kit flat() {
    return shop(ArgoCd.Delivery.APP_OF_APPS).build();
  }

  /** dev on its own server, prod on a cluster Argo CD knows by name. */
  private static Kit withEnvironments() {
    return withEnvironments(ArgoCd.Delivery.APP_OF_APPS, e -> e.destinationName("prod-eu"));
  }

  private static Kit withEnvironments(
      ArgoCd.Delivery delivery, UnaryOperator<Environment.Builder> prod) {
    UnaryOperator<Environment.Builder> inProd = e -> prod.apply(e.project("shop-prod"));
    // dev goes without backups: a second cluster may not archive into prod's path.
    return shop(delivery, s -> s.in("dev", d -> d.database(db -> db.withoutBackups())))
        .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io").project("shop-dev"))
        .environment("prod", inProd)
        .build();
  }

  @Test
  void generate_retiresTheFoldersOwnDatabase_andWarnsAboutTheRoot_whenEnvironmentsAreAdded()
      throws IOException {
    generator.generate(flat());
    Path ingress = repo.resolve("services/orders/manifests/app/ingress.yaml");
    Files.createDirectories(ingress.getParent());
    Files.writeString(ingress, "apiVersion: networking.k8s.io/v1\nkind: Ingress\n");

    WriteReport report = generator.generate(withEnvironments());

    assertThat(report.warnings())
        .contains(
            "services[orders]: now runs per environment, so kit deleted the manifests it generated in"
                + " services/orders/ without environments, but not its database: CNPG Cluster"
                + " orders-cluster and Barman Cloud ObjectStore orders-cluster-backups in namespace"
                + " orders keep running (Argo CD never deletes them: Prune=false,Delete=false);"
                + " retire them deliberately with the steps in services/orders/RETIRED.md, or"
                + " remove the description's environments to keep them",
            "environments[prod].services[orders].database.backups.destinationPath:"
                + " s3://acme-backups/orders/ with server name orders-cluster is where CNPG Cluster"
                + " orders-cluster in namespace orders, which stays behind, archives WAL; Barman"
                + " Cloud refuses to archive a second cluster into it, even once that one is gone,"
                + " so unless environment prod runs on that same cluster, give environment prod a"
                + " path of its own: .in(\"prod\", s -> s.database(db -> db.backups(b ->"
                + " b.destinationPath(\"s3://acme-backups/orders/prod/\"))))");
    assertThat(report.warnings())
        .filteredOn(warning -> warning.startsWith("environments: "))
        .singleElement()
        .asString()
        .contains("kit deleted platform/root.yaml")
        .contains(
            "root Application shop-root that was applied from it stays in Argo CD, following HEAD")
        .contains("its include platform/*.yaml matches each environment's platform/<environment>/")
        .contains("`argocd app delete shop-root --cascade=false`")
        .contains("`kubectl apply -f platform/<environment>/root.yaml`")
        .contains("Applications cert-manager, cloudnative-pg, plugin-barman-cloud")
        .contains("AppProject shop (`argocd proj delete shop` once it is empty)")
        .endsWith(
            "or without its objects where an environment's Application runs the service on the same cluster now.");
    assertThat(report.created()).contains(RETIRED);
    assertThat(report.deleted())
        .contains(
            "platform/root.yaml",
            "services/orders/application.yaml",
            "services/orders/manifests/database/cluster.yaml");
    assertThat(Files.readString(repo.resolve(RETIRED)))
        .startsWith(
            "<!-- Code generated by kit from com.acme.Shop. DO NOT EDIT. -->\n"
                + "# Retired: orders without environments\n\n"
                + "`orders` now runs per environment, from `services/orders/envs/`, so kit deleted"
                + " the manifests it generated for it in `services/orders/`, the layout without"
                + " environments, but not its database.")
        .contains("| CNPG Cluster | `orders-cluster` | `orders` |")
        .contains(
            "kit keeps this file, and leaves your migrations alone, until you delete it (the last"
                + " step) or the description has no environments again.")
        // prod deploys the same Cluster to a cluster it names, the Cluster here was on a server
        .contains(
            "Environment `prod` deploys the same CNPG Cluster `orders-cluster` in namespace"
                + " `orders` to a cluster Argo CD names differently from this one's")
        .contains(
            "delete only the Application from before, without its objects (`argocd app delete"
                + " orders --cascade=false`), then this file, and stop there.")
        .contains(
            "Delete the Argo CD Application from before the environments: `argocd app delete"
                + " orders` (objects with `Delete=false` stay).")
        .contains("kubectl -n orders delete clusters.postgresql.cnpg.io orders-cluster")
        .contains("Delete this file and merge. Namespace `orders` stays")
        .contains("To keep it instead, remove the description's environments")
        .doesNotContain("Delete `services/orders/`");
    assertThat(repo.resolve("services/orders/migrations/20250101000000_init.sql")).exists();
    String stranded =
        "services[orders]: no Application syncs services/orders/manifests/ now that the"
            + " description has environments, so your manifest there is no longer deployed:"
            + " app/ingress.yaml; move it to each environment's"
            + " services/orders/envs/<environment>/manifests/app/";
    assertThat(report.warnings()).contains(stranded);
    assertThat(ingress).exists();

    WriteReport again = generator.generate(withEnvironments());

    assertThat(again.warnings()).as("said until it moves").containsExactly(stranded);
    Files.delete(ingress);
    again = generator.generate(withEnvironments());

    assertThat(again.warnings()).as("said once").isEmpty();
    assertThat(again.changedCount()).isZero();
    assertThat(again.unchanged()).contains(RETIRED);
    assertThat(generator.check(withEnvironments()).isEmpty()).as("kit:check agrees").isTrue();
    assertThat(generator.generate(flat()).deleted())
        .as("the folder runs it again")
        .contains(RETIRED);
  }

  @Test
  void generate_warnsWithoutRetiredMd_whenAnEnvironmentDeploysTheSameClusterToTheSameCluster()
      throws IOException {
    generator.generate(flat());

    // prod keeps the repository's destination and the service's namespace: the same Cluster
    WriteReport report = generator.generate(withEnvironments(ArgoCd.Delivery.APP_OF_APPS, e -> e));

    assertThat(report.warnings())
        .contains(
            "services[orders]: now runs per environment, so kit deleted the manifests it generated in"
                + " services/orders/ without environments; environment prod deploys the same CNPG"
                + " Cluster orders-cluster in namespace orders to the same cluster, so its"
                + " Application orders-prod manages it now and kit wrote no RETIRED.md. Before"
                + " merging, delete the Application from before without its objects, `argocd app delete orders --cascade=false`:"
                + " its prune, or a cascading delete, would remove objects orders-prod syncs now");
    assertThat(report.created()).doesNotContain(RETIRED);
    assertThat(report.warnings())
        .filteredOn(warning -> warning.startsWith("services[orders]"))
        .singleElement()
        .asString()
        .contains("kit wrote no RETIRED.md")
        .doesNotContain("with the steps in");
    assertThat(report.warnings())
        .as("prod archives there as the same Cluster")
        .noneMatch(warning -> warning.contains("destinationPath"));
  }

  @Test
  void generate_retiresTheDatabase_whenTheEnvironmentOnTheSameServerHasItsOwnNamespace()
      throws IOException {
    generator.generate(flat());

    WriteReport report =
        generator.generate(
            withEnvironments(
                ArgoCd.Delivery.APP_OF_APPS, e -> e.namespaceRule("{namespace}-prod")));

    assertThat(report.created()).contains(RETIRED);
    assertThat(Files.readString(repo.resolve(RETIRED)))
        .doesNotContain("Environment `")
        .doesNotContain("--cascade=false");
    // Another namespace is another Cluster, whose archive would collide with this one's.
    assertThat(report.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .startsWith("environments[prod].services[orders].database.backups")
                    .contains("which stays behind, archives WAL; Barman Cloud refuses")
                    .contains("so give environment prod a path of its own"));
  }

  @Test
  void generate_deletesTheApplicationSetFromBeforeWithoutItsApplications_inTheSteps()
      throws IOException {
    generator.generate(shop(ArgoCd.Delivery.APPLICATION_SET).build());

    WriteReport report =
        generator.generate(
            withEnvironments(ArgoCd.Delivery.APPLICATION_SET, e -> e.destinationName("prod-eu")));

    assertThat(Files.readString(repo.resolve(RETIRED)))
        .contains(
            "Delete the Argo CD Application from before the environments: `kubectl -n argocd"
                + " delete applicationsets.argoproj.io shop-services --cascade=orphan` (once for"
                + " all its services: a plain delete deletes every Application it made, with its"
                + " objects), then `argocd app delete orders` (objects with `Delete=false`"
                + " stay).");
    assertThat(report.warnings())
        .filteredOn(warning -> warning.startsWith("environments: "))
        .singleElement()
        .asString()
        .contains(
            "ApplicationSet shop-services (`kubectl -n argocd delete applicationsets.argoproj.io"
                + " shop-services --cascade=orphan`");
  }

  @Test
  void generate_namesThePlatformsObjectsFromBefore_whenThereWasNoRoot() throws IOException {
    generator.generate(shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE).build());

    WriteReport report =
        generator.generate(
            withEnvironments(
                ArgoCd.Delivery.APPLICATION_PER_SERVICE, e -> e.destinationName("prod-eu")));

    assertThat(report.warnings())
        .filteredOn(warning -> warning.startsWith("environments: "))
        .containsExactly(
            "environments: kit deleted the platform's files from before the environments,"
                + " platform/*.yaml (each environment has its own folder now), but what was"
                + " applied from them stays in Argo CD. Unmanaged now: Applications cert-manager,"
                + " cloudnative-pg, plugin-barman-cloud (delete each without its objects, `argocd"
                + " app delete <name> --cascade=false`, once an environment's installs the same"
                + " on that cluster: a plain delete uninstalls the operator, and with"
                + " CloudNativePG's CRDs every Cluster on that cluster); AppProject shop (`argocd"
                + " proj delete shop` once it is empty).");
    assertThat(generator.generate(withEnvironments()).warnings())
        .noneMatch(warning -> warning.startsWith("environments: "));
  }

  @Test
  void generate_deletesTheRetiredMdOfAServiceThatLeft_whenItComesBackWithEnvironments()
      throws IOException {
    generator.generate(flat());
    Kit without =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().project("shop").build()))
            .platform(Platform.defaults())
            .service("payments", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();
    generator.generate(without);
    assertThat(Files.readString(repo.resolve(RETIRED)))
        .contains("no longer in the kit description");

    // Back, in an environment that may run that very Cluster: those steps would delete it.
    WriteReport report = generator.generate(withEnvironments());

    assertThat(report.deleted()).contains(RETIRED);
    assertThat(report.warnings()).noneMatch(warning -> warning.startsWith("services[orders]"));
  }

  @Test
  void generate_retiresTheFoldersOwnWorkspace_whenAPlanetScaleServiceGainsEnvironments()
      throws IOException {
    Kit.Builder shop =
        Kit.builder().repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"));
    generator.generate(
        shop.service(
                "orders",
                s ->
                    s.database(
                        db -> db.planetScale(ps -> ps.organization("acme").database("shop"))))
            .build());
    Kit withEnvironments =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .environment("prod", e -> e.destinationName("prod-eu"))
            .service(
                "orders",
                s ->
                    s.database(db -> db.planetScale(ps -> ps.organization("acme").database("shop")))
                        .in(
                            "dev",
                            d ->
                                d.database(
                                    db ->
                                        db.planetScale(
                                            ps ->
                                                ps.branch("dev")
                                                    .createBranch()
                                                    .parentBranch("main")
                                                    .production(false)))))
            .build();

    WriteReport report = generator.generate(withEnvironments);

    assertThat(report.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .startsWith(
                        "services[orders]: now runs per environment, so kit deleted the manifests"
                            + " it generated in services/orders/ without environments, but not its"
                            + " database: Workspace orders-database in namespace orders,"
                            + " PlanetScale branch acme/shop/main")
                    .endsWith(
                        "with the steps in services/orders/RETIRED.md, or remove the"
                            + " description's environments to keep them"));
    assertThat(Files.readString(repo.resolve(RETIRED)))
        .startsWith(
            "<!-- Code generated by kit from com.acme.Shop. DO NOT EDIT. -->\n"
                + "# Retired: orders without environments\n")
        .contains("| Crossplane Workspace | `orders-database` | `orders` |")
        .contains(
            "Environment `prod` deploys the same Crossplane Workspace `orders-database` in"
                + " namespace `orders` to a cluster Argo CD names differently")
        .contains("`argocd app delete orders --cascade=false`), then this file, and stop there.")
        .contains("Delete this file and merge.")
        .contains(
            "To keep it instead, remove the description's environments: kit generates the same"
                + " Workspace again");
  }

  @Test
  void generate_warnsWithoutRetiredMd_whenTheEnvironmentsGoAndTheOwnFolderRunsTheSameCluster()
      throws IOException {
    // prod deploys to the repository's cluster, in the service's own namespace.
    generator.generate(withEnvironments(ArgoCd.Delivery.APP_OF_APPS, e -> e));

    WriteReport report = generator.generate(flat());

    assertThat(report.warnings())
        .contains(
            "environments[prod].services[orders]: no longer in environment prod, so kit deleted"
                + " its generated manifests there; services/orders/ (no environments) deploys the"
                + " same CNPG Cluster orders-cluster in namespace orders to the same cluster, so"
                + " its Application orders manages it now and kit wrote no RETIRED.md. Before"
                + " merging, delete the Application from before without its objects, `argocd app delete orders-prod"
                + " --cascade=false`: its prune, or a cascading delete, would remove objects orders"
                + " syncs now");
    assertThat(report.created())
        .contains("services/orders/envs/dev/RETIRED.md")
        .doesNotContain("services/orders/envs/prod/RETIRED.md");
  }

  @Test
  void generate_warnsWithoutRetiredMd_whenAnEnvironmentIsRenamedOnTheSameCluster()
      throws IOException {
    Kit production =
        shop(ArgoCd.Delivery.APP_OF_APPS)
            .environment("production", e -> e.destinationName("prod-eu"))
            .build();
    generator.generate(production);

    WriteReport report =
        generator.generate(
            shop(ArgoCd.Delivery.APP_OF_APPS)
                .environment("prod", e -> e.destinationName("prod-eu"))
                .build());

    assertThat(report.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning)
                    .startsWith(
                        "environments[production].services[orders]: no longer in environment"
                            + " production, so kit deleted its generated manifests there;"
                            + " environment prod deploys the same CNPG Cluster orders-cluster")
                    .contains("`argocd app delete orders-production --cascade=false`"));
    assertThat(report.created()).doesNotContain("services/orders/envs/production/RETIRED.md");
  }

  @Test
  void generate_namesWhatARemovedEnvironmentsPlatformLeftInArgoCd() throws IOException {
    generator.generate(withEnvironments());

    WriteReport report =
        generator.generate(
            shop(ArgoCd.Delivery.APP_OF_APPS)
                .environment(
                    "dev", e -> e.destinationServer("https://dev.k8s.acme.io").project("shop-dev"))
                .build());

    assertThat(report.deleted()).contains("platform/prod/root.yaml");
    assertThat(report.warnings())
        .filteredOn(warning -> warning.startsWith("environments["))
        .filteredOn(warning -> !warning.contains("].services["))
        .containsExactly(
            "environments[prod]: the environment left the description and kit deleted"
                + " platform/prod/, but what was applied from it stays in the Argo CD that ran it."
                + " Its root Application shop-root-prod keeps following the repository and finds"
                + " nothing to sync, without pruning what it synced before (a sync with pruning"
                + " would delete the operators' Applications); delete it without its objects,"
                + " `argocd app delete shop-root-prod --cascade=false`. What it synced stays,"
                + " unmanaged: Applications cert-manager-prod, cloudnative-pg-prod,"
                + " plugin-barman-cloud-prod (delete each without its objects, `argocd app delete"
                + " <name> --cascade=false`, once you no longer want the operator on that cluster:"
                + " a plain delete uninstalls the operator, and with CloudNativePG's CRDs every"
                + " Cluster on that cluster); AppProject shop-prod (`argocd proj delete shop-prod`"
                + " once it is empty); and the services' Applications from before: delete each as"
                + " the service's RETIRED.md says, or without its objects where an environment's"
                + " Application runs the service on the same cluster now.");
    assertThat(generator.generate(withEnvironments()).warnings())
        .noneMatch(warning -> warning.startsWith("environments[prod]: the environment left"));
  }
}
