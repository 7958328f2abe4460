package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a Platform, kit writes the services' AppProject and permits only the kinds its files sync
 * and {@code allowKind(...)}: a team's own manifest of another kind in the Application's folder is
 * refused by Argo CD at the sync, so kit warns at generation and check, naming the file and the
 * fix.
 */
class UnpermittedManifestsTest {

  private static final String APP = "services/orders/manifests/app/";
  private static final String INGRESS =
      APP
          + "ingress.yaml: the AppProject \"shop\" does not permit networking.k8s.io/Ingress, so"
          + " Argo CD refuses to sync it (\"not permitted in project\"); add"
          + " .allowKind(\"networking.k8s.io\", \"Ingress\") to the Platform if it is namespaced, or install it with the"
          + " platform if it is cluster-scoped";

  @TempDir Path repo;

  private static Kit kit(Platform platform) {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .argoCd(ArgoCd.builder().project("shop").build()))
        .platform(platform)
        .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
        .build();
  }

  private void write(String path, String content) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private List<String> warnings(List<String> all) {
    return all.stream().filter(w -> w.startsWith("services/")).toList();
  }

  private void teamManifests() throws IOException {
    write(
        APP + "deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n");
    write(
        APP + "ingress.yaml",
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: orders\n");
    write(
        APP + "access.yaml",
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ServiceAccount
            metadata: {name: orders}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: orders-reader
        """);
    write(APP + "notes.txt", "kind: Secret\n");
    // The project's cluster whitelist holds Namespace (CreateNamespace).
    write(APP + "namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: orders\n");
    write(
        APP + "kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n");
    write(APP + "broken.yaml", "kind: [\n");
  }

  @Test
  void generateAndCheck_warnForEachKindTheProjectRefuses_withTheFix() throws IOException {
    teamManifests();
    Generator generator = Generator.forRepository(repo);

    List<String> generated = warnings(generator.generate(kit(Platform.defaults())).warnings());
    assertThat(generated)
        .containsExactly(
            APP
                + "access.yaml: the AppProject \"shop\" does not permit ServiceAccount, so Argo CD"
                + " refuses to sync it (\"not permitted in project\"); add .allowKind(\"\","
                + " \"ServiceAccount\") to the Platform if it is namespaced, or install it with"
                + " the platform if it is cluster-scoped",
            APP
                + "access.yaml: rbac.authorization.k8s.io/ClusterRole is cluster-scoped, and the"
                + " AppProject \"shop\" permits only Namespaces there, so Argo CD refuses to sync"
                + " it; install it with the platform, not from a service's folder",
            INGRESS);
    assertThat(warnings(generator.check(kit(Platform.defaults())).warnings()))
        .as("kit:check says the same")
        .isEqualTo(generated);
  }

  @Test
  void generate_saysNothingOfAKindTheProjectAllows() throws IOException {
    teamManifests();
    Platform allowing =
        Platform.builder()
            .allowKind("networking.k8s.io", "Ingress")
            .allowKind("", "ServiceAccount")
            .build();

    assertThat(warnings(Generator.forRepository(repo).generate(kit(allowing)).warnings()))
        .singleElement()
        .asString()
        .contains("ClusterRole is cluster-scoped");
  }

  @Test
  void generate_saysNothing_withoutAPlatform_whichWritesNoProject() throws IOException {
    teamManifests();
    Kit kit =
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(warnings(Generator.forRepository(repo).generate(kit).warnings())).isEmpty();
  }

  @Test
  void generate_readsEachEnvironmentsFolder_againstThatEnvironmentsProject() throws IOException {
    write(
        "services/orders/envs/prod/manifests/app/ingress.yaml",
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: orders\n");
    Kit kit =
        Kit.builder()
            .repository(
                "shop",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().project("shop").build()))
            .platform(Platform.defaults())
            .environment(
                "dev", e -> e.destinationServer("https://dev.k8s.acme.io").project("shop-dev"))
            .environment("prod", e -> e.destinationName("prod-eu").project("shop-prod"))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(warnings(Generator.forRepository(repo).generate(kit).warnings()))
        .containsExactly(
            "services/orders/envs/prod/manifests/app/ingress.yaml: the AppProject \"shop-prod\""
                + " does not permit networking.k8s.io/Ingress, so Argo CD refuses to sync it (\"not"
                + " permitted in project\"); add .allowKind(\"networking.k8s.io\", \"Ingress\") to"
                + " the Platform if it is namespaced, or install it with the platform if it is"
                + " cluster-scoped");
  }
}
