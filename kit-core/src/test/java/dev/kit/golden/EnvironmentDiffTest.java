package dev.kit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.EnvironmentDiff;
import dev.kit.Generator;
import dev.kit.model.Kit;
import dev.kit.validate.KitValidationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kit:diff} on the golden case with three environments. */
class EnvironmentDiffTest {

  private static EnvironmentDiff diff(String from, String to) {
    return Generator.forRepository(GoldenFilesTest.goldenRoot().resolve("environments"))
        .source("dev.kit.golden.GoldenCases#environments")
        .diff(GoldenCases.environments(), from, to);
  }

  @Test
  void diff_ignoresTheRunbookLinkInAlerts_whenOnlyTheEnvironmentsFolderDiffers(@TempDir Path repo) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io"))
            .environment("prod", e -> e.destinationName("prod-eu"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(db -> db.storage("5Gi"))
                        .monitoring(m -> m.selectorLabel("release", "kube-prometheus-stack")))
            .build();

    // Each environment's alerts link its own runbook (services/orders/envs/<env>/RUNBOOK.md).
    assertThat(Generator.forRepository(repo).diff(kit, "dev", "prod").toString())
        .isEqualTo(
            """
            kit: dev -> prod (ignoring destinations and names that carry the environment)
            services[orders]: no differences
            platform: no differences
            """);
  }

  @Test
  void diff_printsEveryFieldProdHasThatStagingHasNot_whenStagingToProd() {
    assertThat(diff("staging", "prod").toString())
        .isEqualTo(
            """
        kit: staging -> prod (ignoring destinations and names that carry the environment)
        services[orders]: 5 files differ
          application.yaml (Application orders-<environment>)
            /spec/source/targetRevision: "main" -> "release"
          manifests/app/deployment.yaml (Deployment orders)
            /spec/replicas: 2 -> 4
            /spec/template/spec/containers/0/image: "ghcr.io/acme/orders:1.4.0" -> "ghcr.io/acme/orders:1.3.2"
          manifests/database/cluster.yaml (Cluster orders-cluster)
            /spec/instances: 1 -> 3
            /spec/plugins: only in prod:
              - name: barman-cloud.cloudnative-pg.io
                isWALArchiver: true
                parameters:
                  barmanObjectName: orders-cluster-backups
            /spec/primaryUpdateStrategy: only in prod: "supervised"
            /spec/storage/size: "5Gi" -> "50Gi"
          manifests/database/objectstore.yaml (ObjectStore orders-cluster-backups): only in prod
          manifests/database/scheduledbackup.yaml (ScheduledBackup orders-cluster-backup): only in prod
        platform: 4 files differ
          appproject.yaml (AppProject shop-<environment>)
            /spec/namespaceResourceWhitelist/3: only in prod: {"group":"barmancloud.cnpg.io","kind":"ObjectStore"}
            /spec/namespaceResourceWhitelist/6: only in prod: {"group":"postgresql.cnpg.io","kind":"ScheduledBackup"}
          cert-manager.yaml (Application cert-manager-<environment>): only in prod
          plugin-barman-cloud.yaml (Application plugin-barman-cloud-<environment>): only in prod
          root.yaml (Application shop-root-<environment>)
            /spec/source/targetRevision: "main" -> "release"
        """);
  }

  @Test
  void diff_showsNamespacesLabelsAndADevOnlyService_whenDevToProd() {
    assertThat(diff("dev", "prod").toString())
        .isEqualTo(
            """
        kit: dev -> prod (ignoring destinations and names that carry the environment)
        services[orders]: 8 files differ
          application.yaml (Application orders-<environment>)
            /metadata/labels/acme.com~1environment: only in dev: "dev"
            /spec/destination/namespace: "orders-<environment>" -> "orders"
            /spec/source/targetRevision: "main" -> "release"
          manifests/app/deployment.yaml (Deployment orders)
            /metadata/labels/acme.com~1environment: only in dev: "dev"
            /metadata/namespace: "orders-<environment>" -> "orders"
            /spec/replicas: 2 -> 4
            /spec/template/metadata/labels/acme.com~1environment: only in dev: "dev"
            /spec/template/spec/containers/0/image: "ghcr.io/acme/orders:1.4.0" -> "ghcr.io/acme/orders:1.3.2"
          manifests/app/service.yaml (Service orders)
            /metadata/labels/acme.com~1environment: only in dev: "dev"
            /metadata/namespace: "orders-<environment>" -> "orders"
          manifests/database/cluster.yaml (Cluster orders-cluster)
            /metadata/labels/acme.com~1environment: only in dev: "dev"
            /metadata/namespace: "orders-<environment>" -> "orders"
            /spec/instances: 1 -> 3
            /spec/plugins: only in prod:
              - name: barman-cloud.cloudnative-pg.io
                isWALArchiver: true
                parameters:
                  barmanObjectName: orders-cluster-backups
            /spec/primaryUpdateStrategy: only in prod: "supervised"
            /spec/storage/size: "5Gi" -> "50Gi"
          manifests/database/objectstore.yaml (ObjectStore orders-cluster-backups): only in prod
          manifests/database/scheduledbackup.yaml (ScheduledBackup orders-cluster-backup): only in prod
          manifests/migrations/configmap.yaml (ConfigMap orders-migrations)
            /metadata/labels/acme.com~1environment: only in dev: "dev"
            /metadata/namespace: "orders-<environment>" -> "orders"
          manifests/migrations/job.yaml (Job orders-migrate)
            /metadata/labels/acme.com~1environment: only in dev: "dev"
            /metadata/namespace: "orders-<environment>" -> "orders"
            /spec/template/metadata/labels/acme.com~1environment: only in dev: "dev"
        services[sandbox]: only in dev
        platform: 4 files differ
          appproject.yaml (AppProject shop-<environment>)
            /spec/destinations/0: only in dev: {"namespace":"orders-<environment>"}
            /spec/destinations/1: only in dev: {"namespace":"sandbox-<environment>"}
            /spec/destinations/0: only in prod: {"namespace":"orders"}
            /spec/namespaceResourceWhitelist/3: only in prod: {"group":"barmancloud.cnpg.io","kind":"ObjectStore"}
            /spec/namespaceResourceWhitelist/6: only in prod: {"group":"postgresql.cnpg.io","kind":"ScheduledBackup"}
          cert-manager.yaml (Application cert-manager-<environment>): only in prod
          plugin-barman-cloud.yaml (Application plugin-barman-cloud-<environment>): only in prod
          root.yaml (Application shop-root-<environment>)
            /spec/source/targetRevision: "main" -> "release"
        """);
  }

  @Test
  void diff_showsOnlyTheLinesThatDiffer_whenAMultiLineTextDiffers() {
    String diff =
        Generator.forRepository(GoldenFilesTest.goldenRoot().resolve("environments-providers"))
            .source("dev.kit.golden.GoldenCases#environmentsProviders")
            .diff(GoldenCases.environmentsProviders(), "dev", "prod")
            .toString();

    // The Workspace holds its OpenTofu module inline: a reviewer reads only the lines that differ,
    // in unified-diff hunks.
    assertThat(diff)
        .contains(
            """
          manifests/database/workspace.yaml (Workspace orders-database)
            /spec/forProvider/module: lines differ
              @@ -8,2 +8,2 @@
              -  # terraform_data: Terraform 1.4, every OpenTofu release.
              -  required_version = ">= 1.4.0"
              +  # terraform_data, and an import block whose id is an expression: Terraform 1.6, every OpenTofu release.
              +  required_version = ">= 1.6.0"
              @@ -25,3 +25,3 @@
              -  name          = "orders-dev"
              -  major_version = "17"
              -  parent_branch = "main"
              +  name          = "main"
              +  cluster_size  = "PS_10_AWS_ARM"
              +  replicas      = 2
              @@ -29,2 +29,5 @@
              -  # Not a production branch: unprotected, also when it was one before.
              -  deletion_protected = false
              +  # A production branch: destroying the last branch of a database deletes the database.
              +  deletion_protected = true
              +  lifecycle {
              +    prevent_destroy = true
              +  }
              @@ -33,0 +36,7 @@
              +# The branch existed before this module (adoptBranch in the description): the first apply imports it instead of
        """)
        .doesNotContain("terraform {")
        // The Workspace carries its main.tf whole: its lines are shown once, in the Workspace.
        .doesNotContain("database/main.tf");
  }

  @Test
  void diff_showsTheModulesLinesThatDiffer_whenAPlanetScaleServiceIsModuleOnly(@TempDir Path repo) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment(
                "dev",
                e ->
                    e.destinationServer("https://dev.k8s.acme.io").namespaceRule("{namespace}-dev"))
            .environment(
                "prod", e -> e.destinationName("prod-eu").namespaceRule("{namespace}-prod"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.planetScale(
                                    ps -> ps.organization("acme").database("shop").moduleOnly()))
                        .in(
                            "dev",
                            d ->
                                d.database(
                                    db -> db.planetScale(ps -> ps.branch("dev").production(false))))
                        .in(
                            "prod",
                            p ->
                                p.database(
                                    db ->
                                        db.planetScale(
                                            ps -> ps.clusterSize("PS_80_AWS_ARM").replicas(2)))))
            .build();

    // Without a Workspace the module is the only file that says what PlanetScale runs; the
    // namespaces of its Secrets (orders-dev, orders-prod) carry the environment.
    assertThat(Generator.forRepository(repo).diff(kit, "dev", "prod").toString())
        .isEqualTo(
            """
            kit: dev -> prod (ignoring destinations and names that carry the environment)
            services[orders]: 1 file differs
              database/main.tf: lines differ
                @@ -26,1 +26,2 @@
                -  name          = "dev"
                +  name          = "main"
                +  cluster_size  = "PS_80_AWS_ARM"
                @@ -28,0 +29,1 @@
                +  replicas      = 2
                @@ -29,2 +31,5 @@
                -  # Not a production branch: unprotected, also when it was one before.
                -  deletion_protected = false
                +  # A production branch: destroying the last branch of a database deletes the database.
                +  deletion_protected = true
                +  lifecycle {
                +    prevent_destroy = true
                +  }
            platform: no differences
            """);
  }

  @Test
  void diff_showsTheModule_whenOnlyOneEnvironmentRunsItInAWorkspace(@TempDir Path repo) {
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .environment(
                "dev",
                e ->
                    e.destinationServer("https://dev.k8s.acme.io").namespaceRule("{namespace}-dev"))
            .environment(
                "prod", e -> e.destinationName("prod-eu").namespaceRule("{namespace}-prod"))
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db -> db.planetScale(ps -> ps.organization("acme").database("shop")))
                        .in(
                            "dev",
                            d ->
                                d.database(
                                    db ->
                                        db.planetScale(
                                            ps ->
                                                ps.branch("dev").production(false).moduleOnly()))))
            .build();

    // main.tf is shown although prod's Workspace carries it whole: dev's module is carried by no
    // object, so its lines are the only place dev's branch is said.
    assertThat(Generator.forRepository(repo).diff(kit, "dev", "prod").toString())
        .isEqualTo(
            """
            kit: dev -> prod (ignoring destinations and names that carry the environment)
            services[orders]: 2 files differ
              database/main.tf: lines differ
                @@ -4,3 +4,2 @@
                -# Applied by your own pipeline (kit writes no Workspace): configure the planetscale provider (PLANETSCALE_SERVICE_TOKEN_ID
                -# and PLANETSCALE_SERVICE_TOKEN), the kubernetes provider and a remote state backend there. The module writes the
                -# Secrets orders-database (the migrations') and orders-database-app (the app's) in namespace orders-<environment>.
                +# Applied by the Crossplane Workspace orders-database (its manifest holds this exact text); its ClusterProviderConfig
                +# adds the provider blocks (the PlanetScale service token from a Secret) and the kubernetes state backend.
                @@ -26,1 +25,1 @@
                -  name          = "dev"
                +  name          = "main"
                @@ -29,2 +28,5 @@
                -  # Not a production branch: unprotected, also when it was one before.
                -  deletion_protected = false
                +  # A production branch: destroying the last branch of a database deletes the database.
                +  deletion_protected = true
                +  lifecycle {
                +    prevent_destroy = true
                +  }
                @@ -104,9 +106,1 @@
                -# The migrations' connection: Secret orders-database, written by this module (with a Workspace, the outputs below).
                -resource "kubernetes_secret_v1" "migrations" {
                -  metadata {
                -    name      = "orders-database"
                -    namespace = "orders-<environment>"
                -  }
                -  data = local.migrations
                -}
                -
                +# The migrations' connection: the Workspace writes these outputs into Secret orders-database (writeConnectionSecretToRef).
              manifests/database/workspace.yaml (Workspace orders-database): only in prod
            platform: no differences
            """);
  }

  @Test
  void diff_isEmpty_whenAnEnvironmentIsComparedWithItself() {
    assertThat(diff("prod", "prod").isEmpty()).isTrue();
    assertThat(diff("staging", "prod").isEmpty()).isFalse();
  }

  @Test
  void diff_namesTheEnvironmentsThereAre_whenOneDoesNotExist() {
    assertThatThrownBy(() -> diff("stage", "prod"))
        .isInstanceOf(KitValidationException.class)
        .hasMessage(
            "1 problem in the kit description; nothing was written:\n"
                + "  - diff.from: no environment \"stage\" (use one of dev, staging, prod)");
  }
}
