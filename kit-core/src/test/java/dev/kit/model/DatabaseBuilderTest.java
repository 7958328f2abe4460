package dev.kit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Database builder: every null argument named with what to pass, and toBuilder() that changes
 * nothing by itself.
 */
class DatabaseBuilderTest {

  /** Each public builder method with each of its reference parameters. */
  static Stream<Arguments> referenceParameters() {
    List<Arguments> cases = new ArrayList<>();
    Arrays.stream(Database.Builder.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
        .sorted(Comparator.comparing(Method::toGenericString))
        .forEach(
            method -> {
              Parameter[] parameters = method.getParameters();
              for (int i = 0; i < parameters.length; i++) {
                if (!parameters[i].getType().isPrimitive()) {
                  cases.add(
                      Arguments.of(
                          method.getName() + Arrays.toString(method.getParameterTypes()),
                          method,
                          i));
                }
              }
            });
    return cases.stream();
  }

  private static Object sample(Class<?> type) {
    if (type == String.class) {
      return "x";
    }
    if (type == java.util.function.UnaryOperator.class) {
      return java.util.function.UnaryOperator.identity();
    }
    return null; // a value of the model, not needed: the null check comes first
  }

  @ParameterizedTest(name = "{0} #{2}")
  @MethodSource("referenceParameters")
  void builderMethod_namesTheMethodAndParameter_whenAnArgumentIsNull(
      String name, Method method, int index) throws Exception {
    Object[] arguments = new Object[method.getParameterCount()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = i == index ? null : sample(method.getParameterTypes()[i]);
    }
    // The parameter names as the messages spell them: compiled with -parameters, or arg0 otherwise.
    String parameter =
        method.getParameters()[index].isNamePresent()
            ? method.getParameters()[index].getName()
            : null;

    assertThatThrownBy(
            () -> {
              try {
                method.invoke(Database.builder(), arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            })
        .isInstanceOf(NullPointerException.class)
        .hasMessageStartingWith(method.getName() + "(")
        .hasMessageContaining(" is null; ")
        .satisfies(
            e -> {
              if (parameter != null) {
                assertThat(e.getMessage()).contains("): " + parameter + " is null; ");
              }
            });
  }

  @Test
  void referenceParameters_coverEveryBuilderMethodWithOne() {
    assertThat(referenceParameters().count()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void toBuilder_buildsAnEqualDatabase() {
    Database db =
        Database.builder()
            .clusterName("ledger-db")
            .instances(3)
            .storage("10Gi", "fast")
            .walStorage("2Gi")
            .parameter("max_connections", "200")
            .bootstrap("ledger", "ledger_owner")
            .antiAffinity("kubernetes.io/hostname")
            .podDisruptionBudget(false)
            .primaryUpdateStrategy(Database.PrimaryUpdateStrategy.SUPERVISED)
            .pooler(p -> p.instances(2))
            .extension("vector")
            .schema("reporting")
            .role("readers", r -> r.comment("read-only"))
            .role(
                "reporting",
                r ->
                    r.login()
                        .passwordSecret("ledger-reporting")
                        .inRole("readers")
                        .connectionLimit(5)
                        .validUntil(java.time.Instant.parse("2027-01-01T00:00:00Z"))
                        .createDb()
                        .createRole()
                        .bypassRls()
                        .noInherit())
            .dropRole("legacy_etl")
            .build();

    assertThat(db.toBuilder().build()).isEqualTo(db);
    assertThat(db.toBuilder().instances(1).build().instances()).isEqualTo(1);
  }

  @Test
  void toBuilder_buildsAnEqualHost_whenEveryFieldIsSet() {
    PlanetScale branch =
        PlanetScale.builder()
            .organization("acme")
            .database("shop")
            .branch("dev")
            .clusterSize("PS_10_AWS_ARM")
            .region("eu-west")
            .parentBranch("main")
            .replicas(2)
            .parameter("max_connections", "200")
            .parameter("pgbouncer", "default_pool_size", "20")
            .production(false)
            .appRoles(List.of("pg_read_all_data"))
            .bouncer(b -> b.size("PGB_10"))
            .backupPolicy(p -> p.at("02:00"))
            .moduleOnly()
            .build();
    ExistingDatabase existing =
        ExistingDatabase.builder()
            .secret("orders-db")
            .host("orders.db.acme.internal")
            .port(6432)
            .ca("acme-db-ca", "ca.pem")
            .build();

    assertThat(branch.toBuilder().build())
        .isEqualTo(branch)
        .hasSameHashCodeAs(branch)
        .hasToString(branch.toString());
    assertThat(existing.toBuilder().build()).isEqualTo(existing).hasSameHashCodeAs(existing);
    assertThat(
            branch.toBuilder()
                .parameter("max_connections", "100")
                .build()
                .parameters()
                .get("pgconf"))
        .containsEntry("max_connections", "100");
    assertThat(branch.parameters().get("pgconf")).containsEntry("max_connections", "200");
  }

  @Test
  void withoutBackupPolicy_removesTheServicesPolicy_whenAnOverrideStartsFromIt() {
    Database database =
        Database.builder()
            .planetScale(
                ps -> ps.organization("acme").database("shop").backupPolicy(p -> p.at("02:00")))
            .build();

    Database dev =
        database.toBuilder().planetScale(ps -> ps.branch("dev").withoutBackupPolicy()).build();

    assertThat(((PlanetScale) dev.host()).backupPolicy()).isEmpty();
    assertThat(((PlanetScale) database.host()).backupPolicy()).isPresent();
  }

  @Test
  void planetScale_startsFromTheServicesOwnHost_whenAnEnvironmentOverrideNamesOnlyWhatDiffers() {
    Service service =
        Service.builder("inventory")
            .database(
                db ->
                    db.planetScale(
                        ps ->
                            ps.organization("acme")
                                .database("shop")
                                .clusterSize("PS_10_AWS_ARM")
                                .bouncer(b -> b.size("PGB_10"))))
            .in(
                "dev",
                dev ->
                    dev.database(
                        db ->
                            db.planetScale(
                                ps -> ps.branch("dev").parentBranch("main").production(false))))
            .build();

    PlanetScale dev = (PlanetScale) service.in("dev").database().host();

    assertThat(dev.organization()).isEqualTo("acme");
    assertThat(dev.database()).isEqualTo("shop");
    assertThat(dev.clusterSize()).contains("PS_10_AWS_ARM");
    assertThat(dev.bouncer()).map(b -> b.size().orElseThrow()).contains("PGB_10");
    assertThat(dev.branch()).isEqualTo("dev");
    assertThat(dev.parentBranch()).contains("main");
    assertThat(dev.production()).isFalse();
    assertThat(((PlanetScale) service.database().host()).branch()).isEqualTo("main");
  }

  @Test
  void existing_startsFromTheServicesOwnHost_whenAnEnvironmentOverrideNamesOnlyWhatDiffers() {
    Service service =
        Service.builder("catalog")
            .database(
                db ->
                    db.bootstrap("catalog", "catalog")
                        .existing(
                            e ->
                                e.secret("catalog-db")
                                    .host("catalog.dev.acme.internal")
                                    .ca("acme-db-ca", "ca.pem")))
            .in(
                "prod",
                prod ->
                    prod.database(
                        db -> db.existing(e -> e.host("catalog.db.acme.internal").port(6432))))
            .build();

    ExistingDatabase prod = (ExistingDatabase) service.in("prod").database().host();

    assertThat(prod.secret()).isEqualTo("catalog-db");
    assertThat(prod.ca()).contains(new SecretKey("acme-db-ca", "ca.pem"));
    assertThat(prod.host()).isEqualTo("catalog.db.acme.internal");
    assertThat(prod.port()).isEqualTo(6432);
  }

  @Test
  void planetScale_startsAfresh_whenTheDatabaseIsOnAnotherHost() {
    Database db =
        Database.builder()
            .storage("1Gi")
            .existing(e -> e.secret("orders-db").host("orders.db.acme.internal"))
            .planetScale(ps -> ps.organization("acme").database("shop"))
            .build();

    assertThat(db.host())
        .isEqualTo(PlanetScale.builder().organization("acme").database("shop").build());
  }

  private static Service.Builder ordersWithMinioBackups() {
    return Service.builder("orders")
        .database(
            db ->
                db.storage("5Gi")
                    .backups(
                        "s3://acme-backups/orders/",
                        b ->
                            b.endpointUrl("http://minio.minio:9000")
                                .credentials(S3Credentials.fromSecret("minio", "ACCESS", "SECRET"))
                                .retentionPolicy("30d")
                                .schedule("0 0 3 * * *"))
                    .pooler(p -> p.poolMode(Pooler.PoolMode.SESSION)));
  }

  @Test
  void backups_startFromTheServicesOwn_whenAnEnvironmentOverrideChangesThePath() {
    Service service =
        ordersWithMinioBackups()
            .in("dev", d -> d.database(db -> db.backups("s3://acme-dev/orders/", b -> b)))
            .in(
                "prod",
                p -> p.database(db -> db.backups(b -> b.destinationPath("s3://acme-prod/orders/"))))
            .build();
    Backups own = service.database().backups().orElseThrow();

    for (String env : List.of("dev", "prod")) {
      Backups there = service.in(env).database().backups().orElseThrow();
      assertThat(there.destinationPath()).isEqualTo("s3://acme-" + env + "/orders/");
      assertThat(there.toBuilder().destinationPath(own.destinationPath()).build()).isEqualTo(own);
    }
  }

  @Test
  void backups_startAfresh_afterWithoutBackups() {
    Service service =
        ordersWithMinioBackups()
            .in(
                "dev",
                d ->
                    d.database(
                        db ->
                            db.withoutBackups()
                                .backups(
                                    "s3://acme-dev/orders/",
                                    b -> b.credentials(S3Credentials.inheritFromPodIdentity()))))
            .build();

    assertThat(service.in("dev").database().backups().orElseThrow().endpointUrl()).isEmpty();
  }

  @Test
  void backups_refusesToChange_whenThereAreNone() {
    assertThatThrownBy(() -> Database.builder().backups(b -> b.retentionPolicy("30d")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "backups(customizer): no backups to change; use backups(destinationPath, customizer) to add them");
  }

  @Test
  void pooler_startsFromTheServicesOwn_whenAnEnvironmentOverrideChangesItsInstances() {
    Service service =
        ordersWithMinioBackups()
            .in("prod", p -> p.database(db -> db.pooler(x -> x.instances(3))))
            .build();

    Pooler prod = service.in("prod").database().pooler().orElseThrow();
    assertThat(prod.instances()).isEqualTo(3);
    assertThat(prod.poolMode()).contains(Pooler.PoolMode.SESSION);
  }

  @Test
  void migrations_startFromTheServicesOwn_whenCustomizedAgain() {
    Service service =
        Service.builder("orders")
            .database(db -> db.storage("5Gi"))
            .migrations(m -> m.baseline("20250101120000"))
            .migrations(m -> m.backoffLimit(2))
            .build();

    Migrations migrations = service.migrations().orElseThrow();
    assertThat(migrations.baseline()).contains("20250101120000");
    assertThat(migrations.backoffLimit()).isEqualTo(2);
  }

  @Test
  void migrations_takeTheOperatorsSslMode_whenTheEngineChangesOnTheDefaults() {
    Service service =
        Service.builder("orders")
            .database(db -> db.storage("5Gi"))
            .migrations(m -> m.engine(Migrations.Engine.OPERATOR))
            .build();

    assertThat(service.migrations().orElseThrow().sslMode()).isEqualTo(SslMode.REQUIRE);
  }

  @Test
  void role_customizesTheRoleOfThatName_andDropRoleOrWithoutRoleReplaceIt() {
    Database db =
        Database.builder()
            .storage("1Gi")
            .role("reporting", r -> r.login().passwordSecret("orders-reporting"))
            .role("reporting", r -> r.connectionLimit(5))
            .role("readers", r -> r)
            .dropRole("legacy_etl")
            .build();

    assertThat(db.roles())
        .extracting(Role::toString)
        .containsExactly(
            "Role[legacy_etl, absent]",
            "Role[readers]",
            "Role[reporting, login, passwordSecret=orders-reporting, connectionLimit=5]");
    Database prod =
        db.toBuilder()
            .role("legacy_etl", r -> r.comment("back"))
            .dropRole("readers")
            .withoutRole("reporting")
            .build();
    assertThat(prod.roles())
        .extracting(Role::toString)
        .containsExactly("Role[legacy_etl, comment=back]", "Role[readers, absent]");
  }
}
