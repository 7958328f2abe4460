package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.S3Credentials;
import dev.kit.testing.Validations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact messages of names two generated objects would share, and of a repository name that makes no
 * object name.
 */
class NameCollisionsTest {

  private static List<String> violations(Kit kit) {
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  private static Kit.Builder shop(ArgoCd.Delivery delivery) {
    return Kit.builder()
        .repository(
            "shop",
            r ->
                r.gitUrl("https://github.com/acme/shop.git")
                    .argoCd(ArgoCd.builder().project("shop").delivery(delivery).build()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"cloudnative-pg", "plugin-barman-cloud", "atlas-operator", "cert-manager"})
  void validate_reportsServiceName_whenThePlatformHasAnApplicationOfThatName(String name) {
    List<String> violations =
        violations(
            shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE)
                .service(name, s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                .build());

    assertThat(violations)
        .singleElement()
        .asString()
        .startsWith(
            "services["
                + name
                + "].name: \""
                + name
                + "\" names the service's Argo CD Application, which is also the name of ")
        .endsWith(
            " in namespace \"argocd\" (rename the service; one Application would replace the other)");
  }

  @Test
  void validate_reportsServiceName_whenItIsTheRootApplicationsName() {
    assertThat(
            violations(
                shop(ArgoCd.Delivery.APP_OF_APPS)
                    .service(
                        "shop-root", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                    .build()))
        .containsExactly(
            "services[shop-root].name: \"shop-root\" names the service's Argo CD Application, which is also "
                + "the name of the app-of-apps root Application in namespace \"argocd\" (rename the service; one Application would replace the other)");
  }

  @Test
  void validate_acceptsServiceNamedLikeTheRoot_whenNoRootIsGenerated() {
    assertThat(
            violations(
                shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE)
                    .service(
                        "shop-root", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
                    .build()))
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = ArgoCd.Delivery.class,
      names = {"APP_OF_APPS", "APPLICATION_SET"})
  void validate_reportsRepositoryName_whenItMakesNoObjectName(ArgoCd.Delivery delivery) {
    String suffix = delivery == ArgoCd.Delivery.APP_OF_APPS ? "-root" : "-services";
    String what =
        delivery == ArgoCd.Delivery.APP_OF_APPS ? "the root Application" : "the ApplicationSet";
    Kit kit =
        Kit.builder()
            .repository(
                "Shop.Team",
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(ArgoCd.builder().project("shop").delivery(delivery).build()))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "repository.name: \"Shop.Team\" makes "
                + what
                + " \"Shop.Team"
                + suffix
                + "\", which "
                + "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit) "
                + "(use a lower-case name of at most 54 letters, digits and '-', such as \"shop\")");
  }

  @Test
  void validate_reportsRepositoryName_whenTheApplicationSetNameWouldBeLongerThan63() {
    String name = "s".repeat(55);
    Kit kit =
        Kit.builder()
            .repository(
                name,
                r ->
                    r.gitUrl("https://github.com/acme/shop.git")
                        .argoCd(
                            ArgoCd.builder()
                                .project("shop")
                                .delivery(ArgoCd.Delivery.APPLICATION_SET)
                                .build()))
            .service("orders", s -> s.withoutMigrations().database(db -> db.storage("1Gi")))
            .build();

    assertThat(violations(kit))
        .singleElement()
        .asString()
        .startsWith("repository.name: \"" + name + "\" makes the ApplicationSet");
  }

  @Test
  void validate_reportsObjectStore_whenTwoServicesShareOneInANamespace() {
    Kit kit =
        shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE)
            .service(
                "orders",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity())
                                                .objectStoreName("backups"))))
            .service(
                "payments",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/payments/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity())
                                                .objectStoreName("backups"))))
            .service(
                "catalog",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.clusterName("backups-x")
                                    .storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/catalog/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity()))))
            .service(
                "search",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/search/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity())
                                                .objectStoreName("backups-x-backups"))))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[payments].database.backups.objectStoreName: ObjectStore \"backups\" in namespace \"shop\" is also the ObjectStore "
                + "of service \"orders\"; one would overwrite the other's bucket settings (give one of them objectStoreName(...) of its own, "
                + "such as \"payments-backups\")",
            "services[search].database.backups.objectStoreName: ObjectStore \"backups-x-backups\" in namespace \"shop\" is also the "
                + "ObjectStore of service \"catalog\"; one would overwrite the other's bucket settings (give one of them objectStoreName(...) "
                + "of its own, such as \"search-backups\")");
  }

  @Test
  void validate_reportsAppObjects_whenCnpgAlreadyNamesAServiceOrDeploymentSo() {
    Kit kit =
        shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE)
            .service(
                "orders",
                s -> s.namespace("shop").withoutMigrations().database(db -> db.storage("1Gi")))
            .service(
                "orders-cluster-rw",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(db -> db.storage("1Gi"))
                        .app("ghcr.io/acme/orders:1.0.0", a -> a))
            .service(
                "payments",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(
                            db -> db.clusterName("pay").storage("1Gi").pooler(p -> p.instances(2))))
            .service(
                "pay-pooler-rw",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(db -> db.storage("1Gi"))
                        .app("ghcr.io/acme/pay:1.0.0", a -> a))
            .build();

    assertThat(violations(kit))
        .containsExactly(
            "services[orders-cluster-rw].name: Service \"orders-cluster-rw\" in namespace \"shop\" would be the app's Service and is already "
                + "the Service CNPG creates for cluster \"orders-cluster\" of service \"orders\" (rename the service or set another "
                + "clusterName(...), so each object has a name of its own)",
            "services[pay-pooler-rw].name: Service \"pay-pooler-rw\" in namespace \"shop\" would be the app's Service and is already the "
                + "Service of pooler \"pay-pooler-rw\" of service \"payments\" (rename the service or set another clusterName(...), so each "
                + "object has a name of its own)",
            "services[pay-pooler-rw].name: Deployment \"pay-pooler-rw\" in namespace \"shop\" would be the app's Deployment and is already "
                + "the Deployment of pooler \"pay-pooler-rw\" of service \"payments\" (rename the service or set another clusterName(...), so "
                + "each object has a name of its own)");
  }

  @Test
  void validate_reportsASharedClusterOnce_notEachNameDerivedFromIt() {
    Kit kit =
        shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE)
            .service(
                "orders",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(db -> db.clusterName("db").storage("1Gi")))
            .service(
                "payments",
                s ->
                    s.namespace("shop")
                        .withoutMigrations()
                        .database(db -> db.clusterName("db").storage("1Gi")))
            .build();

    assertThat(violations(kit))
        .singleElement()
        .asString()
        .startsWith("services[payments].database.clusterName: cluster \"db\"");
  }

  @Test
  void validate_acceptsOneObjectStoreName_whenTheNamespacesDiffer() {
    Kit kit =
        shop(ArgoCd.Delivery.APPLICATION_PER_SERVICE)
            .service(
                "orders",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/orders/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity())
                                                .objectStoreName("backups"))))
            .service(
                "payments",
                s ->
                    s.withoutMigrations()
                        .database(
                            db ->
                                db.storage("1Gi")
                                    .backups(
                                        "s3://acme-backups/payments/",
                                        b ->
                                            b.credentials(S3Credentials.inheritFromPodIdentity())
                                                .objectStoreName("backups"))))
            .build();

    assertThat(violations(kit)).isEmpty();
  }
}
