package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Resources;
import dev.kit.model.Restore;
import dev.kit.model.S3Credentials;
import dev.kit.model.Service;
import dev.kit.testing.Validations;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact messages of what the cluster would reject at sync time, found at generate time:
 * CloudNativePG's webhook (fixed parameters, PostgreSQL majors, shared_buffers, a recovery target
 * in the future) and Kubernetes (requests above limits, in any container kit generates).
 */
class ClusterRejectionsValidationTest {

  private static List<String> violations(Kit kit) {
    return Validations.of(kit, s -> Optional.empty()).stream().map(Violation::toString).toList();
  }

  private static List<String> serviceViolations(UnaryOperator<Service.Builder> orders) {
    return violations(
        Kit.builder()
            .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
            .service("orders", s -> orders.apply(s.withoutMigrations()))
            .build());
  }

  private static List<String> databaseViolations(UnaryOperator<Database.Builder> database) {
    return serviceViolations(s -> s.database(db -> database.apply(db.storage("1Gi"))));
  }

  // --- instances: primaryUpdateStrategy, minSyncReplicas and maxSyncReplicas
  // ---------------------------------------------

  private static final String SUPERVISED_ON_ONE_INSTANCE =
      ": a supervised primary update waits for a switchover to a replica, and the Cluster has 1"
          + " instance; CNPG's webhook rejects the Cluster (\"supervised update strategy is not"
          + " allowed for clusters with a single instance\") (use instances(2) or more, or leave"
          + " the strategy unsupervised)";

  @Test
  void validate_reportsSupervisedPrimaryUpdate_whenTheClusterHasOneInstance() {
    assertThat(
            databaseViolations(
                db -> db.primaryUpdateStrategy(Database.PrimaryUpdateStrategy.SUPERVISED)))
        .containsExactly(
            "services[orders].database.primaryUpdateStrategy" + SUPERVISED_ON_ONE_INSTANCE);
  }

  @Test
  void validate_reportsSupervisedPrimaryUpdate_whenAPatchSetsItOnOneInstance() {
    assertThat(
            serviceViolations(
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .patch(
                            Patch.set(
                                Patch.Target.CLUSTER,
                                "/spec/primaryUpdateStrategy",
                                "supervised"))))
        .containsExactly("services[orders].patches[0].value" + SUPERVISED_ON_ONE_INSTANCE);
  }

  /** The violations of three supervised instances, then {@code patch} of the Cluster. */
  private static List<String> supervisedOnThreeInstances(Patch patch) {
    return serviceViolations(
        s ->
            s.database(
                    db ->
                        db.storage("1Gi")
                            .instances(3)
                            .primaryUpdateStrategy(Database.PrimaryUpdateStrategy.SUPERVISED))
                .patch(patch));
  }

  @ParameterizedTest
  @MethodSource("one")
  void validate_reportsSupervisedPrimaryUpdate_whenAPatchLeavesOneInstance(Object one) {
    assertThat(supervisedOnThreeInstances(Patch.set(Patch.Target.CLUSTER, "/spec/instances", one)))
        .containsExactly(
            "services[orders].database.primaryUpdateStrategy" + SUPERVISED_ON_ONE_INSTANCE);
  }

  /** 1 as each kind of Number a caller may write. */
  static List<Object> one() {
    return List.of(1, 1L, BigInteger.ONE, 1.0);
  }

  @ParameterizedTest
  @MethodSource("notOne")
  void validate_acceptsSupervisedPrimaryUpdate_whenAPatchSetsANumberThatIsNotOne(Object notOne) {
    // Neither is an int: 1.5 is not whole, and 2^32 + 1 would read as 1 cut to an int.
    assertThat(
            supervisedOnThreeInstances(Patch.set(Patch.Target.CLUSTER, "/spec/instances", notOne)))
        .isEmpty();
  }

  static List<Object> notOne() {
    return List.of(1.5, 4294967297L);
  }

  @Test
  void validate_reportsSupervisedPrimaryUpdate_whenAPatchOfTheSpecSetsBoth() {
    assertThat(
            serviceViolations(
                s ->
                    s.database(db -> db.storage("1Gi").instances(3))
                        .patch(
                            Patch.set(
                                Patch.Target.CLUSTER,
                                "/spec",
                                Map.of("instances", 1, "primaryUpdateStrategy", "supervised")))))
        .containsExactly("services[orders].patches[0].value" + SUPERVISED_ON_ONE_INSTANCE);
  }

  @Test
  void validate_acceptsSupervisedPrimaryUpdate_whenAPatchOfTheSpecLeavesItOut() {
    // The map replaces the whole spec: the strategy instances(...) came with is gone.
    assertThat(
            supervisedOnThreeInstances(
                Patch.set(Patch.Target.CLUSTER, "/spec", Map.of("instances", 1))))
        .isEmpty();
    assertThat(
            serviceViolations(
                s ->
                    s.database(
                            db ->
                                db.storage("1Gi")
                                    .primaryUpdateStrategy(
                                        Database.PrimaryUpdateStrategy.SUPERVISED))
                        .patch(Patch.remove(Patch.Target.CLUSTER, "/spec/primaryUpdateStrategy"))))
        .isEmpty();
  }

  @Test
  void validate_acceptsSupervisedPrimaryUpdate_whenTheClusterHasReplicas() {
    assertThat(
            databaseViolations(
                db ->
                    db.instances(2)
                        .primaryUpdateStrategy(Database.PrimaryUpdateStrategy.SUPERVISED)))
        .isEmpty();
    assertThat(
            serviceViolations(
                s ->
                    s.database(db -> db.storage("1Gi"))
                        .patch(Patch.set(Patch.Target.CLUSTER, "/spec/instances", 3))
                        .patch(
                            Patch.set(
                                Patch.Target.CLUSTER,
                                "/spec/primaryUpdateStrategy",
                                "supervised"))))
        .isEmpty();
    assertThat(
            databaseViolations(
                db -> db.primaryUpdateStrategy(Database.PrimaryUpdateStrategy.UNSUPERVISED)))
        .isEmpty();
  }

  @Test
  void validate_reportsSyncReplicas_thatCnpgsWebhookRejects() {
    assertThat(
            serviceViolations(
                s ->
                    s.database(db -> db.storage("1Gi").instances(2))
                        .patch(Patch.set(Patch.Target.CLUSTER, "/spec/maxSyncReplicas", 2))
                        .patch(Patch.set(Patch.Target.CLUSTER, "/spec/minSyncReplicas", 3))))
        .containsExactly(
            "services[orders].patches[0].value: maxSyncReplicas 2 is not lower than the Cluster's 2"
                + " instances; CNPG's webhook rejects the Cluster (set it to at most 1, or raise"
                + " instances(...))",
            "services[orders].patches[1].value: minSyncReplicas 3 is greater than maxSyncReplicas 2;"
                + " CNPG's webhook rejects the Cluster (set minSyncReplicas to at most"
                + " maxSyncReplicas, or patch /spec/maxSyncReplicas too)");
    assertThat(
            serviceViolations(
                s ->
                    s.database(db -> db.storage("1Gi").instances(3))
                        .patch(Patch.set(Patch.Target.CLUSTER, "/spec/minSyncReplicas", 1))))
        .containsExactly(
            "services[orders].patches[0].value: minSyncReplicas 1 is greater than maxSyncReplicas 0"
                + " (the default); CNPG's webhook rejects the Cluster (set minSyncReplicas to at most"
                + " maxSyncReplicas, or patch /spec/maxSyncReplicas too)");
  }

  @Test
  void validate_acceptsSyncReplicas_thatFitTheInstances() {
    assertThat(
            serviceViolations(
                s ->
                    s.database(db -> db.storage("1Gi").instances(3))
                        .patch(Patch.set(Patch.Target.CLUSTER, "/spec/maxSyncReplicas", 2))
                        .patch(Patch.set(Patch.Target.CLUSTER, "/spec/minSyncReplicas", 1))))
        .isEmpty();
  }

  // --- postgresql.parameters
  // ----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "allow_system_table_mods",
        "cluster_name",
        "hot_standby",
        "temp_tablespaces",
        "log_rotation_age",
        "pg_failover_slots.primary_dsn",
        "synchronized_standby_slots"
      })
  void validate_reportsParameter_whenCnpgsWebhookRejectsIt(String name) {
    assertThat(databaseViolations(db -> db.parameter(name, "x")))
        .containsExactly(
            "services[orders].database.parameters["
                + name
                + "]: CNPG manages "
                + name
                + " itself and rejects the Cluster if it is set (remove it)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"work_mem", "effective_cache_size", "max_wal_senders", "pg_stat_statements.max"})
  void validate_acceptsParameter_whenCnpgLetsTheUserSetIt(String name) {
    assertThat(databaseViolations(db -> db.parameter(name, "1"))).isEmpty();
  }

  @Test
  void fixedParameters_areCnpgsWholeList_whenCounted() {
    // cloudnative-pg pkg/postgres/configuration.go FixedConfigurationParameters: 33 that need a
    // restart, 32 a reload.
    assertThat(CnpgClusterRules.FIXED_PARAMETERS).hasSize(65);
  }

  @Test
  void validate_namesWhereTheDslSetsIt_whenAFixedParameterHasAModelledEquivalent() {
    assertThat(
            databaseViolations(
                db ->
                    db.parameter("shared_preload_libraries", "pg_stat_statements")
                        .parameter("synchronous_standby_names", "ANY 1 (*)")
                        .parameter("recovery_target_lsn", "0/3000000")))
        .containsExactly(
            "services[orders].database.parameters[recovery_target_lsn]: CNPG manages recovery_target_lsn itself and rejects the Cluster "
                + "if it is set (remove it: restore to a moment with Restore.fromService(...).pointInTime(instant))",
            "services[orders].database.parameters[shared_preload_libraries]: CNPG manages shared_preload_libraries itself and rejects "
                + "the Cluster if it is set (remove it: CNPG preloads pg_stat_statements, pgaudit and auto_explain when one of their "
                + "parameters is set, and takes other libraries in spec.postgresql.shared_preload_libraries "
                + "(Patch.set(Patch.Target.CLUSTER, \"/spec/postgresql/shared_preload_libraries\", List.of(\"...\"))))",
            "services[orders].database.parameters[synchronous_standby_names]: CNPG manages synchronous_standby_names itself and rejects "
                + "the Cluster if it is set (remove it: CNPG derives it from spec.postgresql.synchronous "
                + "(Patch.set(Patch.Target.CLUSTER, \"/spec/postgresql/synchronous\", Map.of(\"method\", \"any\", \"number\", 1))))");
  }

  @ParameterizedTest
  @CsvSource({"2GB, 1Gi", "1025, 1Gi", "2049kB, 2Mi", "1TB, 512Gi"})
  void validate_reportsSharedBuffers_whenLargerThanTheMemoryRequest(
      String sharedBuffers, String memory) {
    assertThat(
            databaseViolations(
                db ->
                    db.parameter("shared_buffers", sharedBuffers)
                        .resources(Resources.requests("1", memory))))
        .containsExactly(
            "services[orders].database.parameters[shared_buffers]: \""
                + sharedBuffers
                + "\" is more than the memory "
                + "request \""
                + memory
                + "\"; CNPG rejects the Cluster (lower shared_buffers (a quarter of the memory is usual) "
                + "or raise the memory request)");
  }

  @ParameterizedTest
  @CsvSource({"1GB, 1Gi", "1024, 1Gi", "256 MB, 1Gi", "128kB, 1Mi", "8GB, ''"})
  void validate_acceptsSharedBuffers_whenWithinTheMemoryRequestOrWithoutOne(
      String sharedBuffers, String memory) {
    Resources resources =
        memory.isEmpty() ? Resources.requests("1", null) : Resources.requests("1", memory);
    assertThat(
            databaseViolations(
                db -> db.parameter("shared_buffers", sharedBuffers).resources(resources)))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2GiB", "1Gi", "lots", "1.5.2GB"})
  void validate_reportsSharedBuffers_whenCnpgCannotReadTheSize(String sharedBuffers) {
    assertThat(databaseViolations(db -> db.parameter("shared_buffers", sharedBuffers)))
        .containsExactly(
            "services[orders].database.parameters[shared_buffers]: \""
                + sharedBuffers
                + "\" is not a size CNPG reads "
                + "(a number of MB, or a number with kB, MB, GB or TB) (use a size such as \"256MB\")");
  }

  @Test
  void validate_reportsWalParameters_whenCnpgsWebhookRejectsThem() {
    assertThat(
            databaseViolations(
                db ->
                    db.instances(3)
                        .walStorage("2Gi")
                        .parameter("wal_level", "minimal")
                        .parameter("wal_log_hints", "off")
                        .parameter("hot_standby_feedback", "maybe")
                        .parameter("min_wal_size", "2GB")
                        .parameter("max_wal_size", "2GB")))
        .containsExactly(
            "services[orders].database.parameters[wal_level]: \"minimal\" cannot feed WAL archiving or replicas, and CNPG archives the WAL "
                + "of every cluster kit renders; its webhook rejects the Cluster (use \"logical\" (CNPG's default) or \"replica\")",
            "services[orders].database.parameters[hot_standby_feedback]: \"maybe\" is not a PostgreSQL boolean (use \"on\" or \"off\")",
            "services[orders].database.parameters[wal_log_hints]: \"off\" with 3 instances: CNPG rewinds a former primary with pg_rewind, "
                + "which needs wal_log_hints on (remove it (CNPG sets it on), or run one instance)",
            "services[orders].database.parameters[min_wal_size]: min_wal_size \"2GB\" is not smaller than max_wal_size \"2GB\" "
                + "(make min_wal_size smaller than max_wal_size)",
            "services[orders].database.parameters[min_wal_size]: \"2GB\" is not smaller than the WAL volume \"2Gi\" "
                + "(lower it, or give walStorage(...) more room)",
            "services[orders].database.parameters[max_wal_size]: \"2GB\" is not smaller than the WAL volume \"2Gi\" "
                + "(lower it, or give walStorage(...) more room)");
  }

  @Test
  void validate_reportsWalParameters_whenUnreadableOrBelowTheDefaultMinimum() {
    assertThat(
            databaseViolations(
                db ->
                    db.parameter("wal_level", "archive")
                        .parameter("sync_replication_slots", "enabled")
                        .parameter("max_wal_size", "64MB")
                        .parameter("min_wal_size", "lots")))
        .containsExactly(
            "services[orders].database.parameters[wal_level]: \"archive\" is not a wal_level (logical, replica or minimal) "
                + "(use \"logical\" (CNPG's default) or \"replica\")",
            "services[orders].database.parameters[sync_replication_slots]: \"enabled\" is not a PostgreSQL boolean (use \"on\" or \"off\")",
            "services[orders].database.parameters[min_wal_size]: \"lots\" is not a size CNPG reads (a number of MB, or a number with kB, "
                + "MB, GB or TB) (use a size such as \"1GB\")");
    assertThat(databaseViolations(db -> db.parameter("max_wal_size", "64MB")))
        .containsExactly(
            "services[orders].database.parameters[max_wal_size]: min_wal_size \"80MB\" (the default) is not smaller than max_wal_size "
                + "\"64MB\" (make min_wal_size smaller than max_wal_size)");
  }

  @Test
  void validate_reportsOnlyTheCredential_whenAParameterCnpgReadsHoldsOne() {
    String token = "ghp_" + "Q".repeat(36);
    List<String> violations =
        databaseViolations(
            db ->
                db.parameter("shared_buffers", "postgresql://app:hunter2@db/x")
                    .parameter("wal_level", token)
                    .parameter("wal_log_hints", "https://admin:hunter2@k8s")
                    .parameter("max_wal_size", token));

    String committed =
        ", which would be committed to Git in the generated files (remove it and keep the "
            + "credential in a Secret)";
    assertThat(violations)
        .containsExactly(
            "services[orders].database.parameters[max_wal_size]: holds a GitHub token" + committed,
            "services[orders].database.parameters[shared_buffers]: holds a URL with a password"
                + committed,
            "services[orders].database.parameters[wal_level]: holds a GitHub token" + committed,
            "services[orders].database.parameters[wal_log_hints]: holds a URL with a password"
                + committed);
    assertThat(String.join("\n", violations)).doesNotContain("hunter2", token);
  }

  @Test
  void validate_acceptsWalParameters_thatCnpgAccepts() {
    assertThat(
            databaseViolations(
                db ->
                    db.instances(3)
                        .walStorage("8Gi")
                        .parameter("wal_level", "replica")
                        .parameter("wal_log_hints", "on")
                        .parameter("hot_standby_feedback", "Tr")
                        .parameter("min_wal_size", "1GB")
                        .parameter("max_wal_size", "4GB")))
        .isEmpty();
    assertThat(databaseViolations(db -> db.parameter("wal_log_hints", "off")))
        .as("one instance never rewinds")
        .isEmpty();
  }

  // --- PostgreSQL major
  // -----------------------------------------------------------------------------

  @Test
  void validate_reportsPostgresMajor_whenAnExplicitImageIsOlderThanCnpgRuns() {
    assertThat(
            databaseViolations(
                db ->
                    db.postgresMajor(12)
                        .imageName("ghcr.io/cloudnative-pg/postgresql:12.22-bookworm")))
        .containsExactly(
            "services[orders].database.postgresMajor: PostgreSQL 12 is older than CloudNativePG runs (13 or newer); "
                + "its webhook rejects the Cluster (use an image of PostgreSQL 13 or newer, such as postgresMajor(17) without "
                + "imageName(...), and move the data there with a logical import)");
  }

  @Test
  void validate_acceptsPostgresMajor_whenAnExplicitImageIsThirteen() {
    assertThat(
            databaseViolations(
                db ->
                    db.postgresMajor(13)
                        .imageName("ghcr.io/cloudnative-pg/postgresql:13.22-bookworm")))
        .isEmpty();
  }

  // --- restore point
  // --------------------------------------------------------------------------------

  private static Kit restoring(Instant pointInTime) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
        .service(
            "orders",
            s ->
                s.withoutMigrations()
                    .database(
                        db ->
                            db.storage("1Gi")
                                .backups(
                                    "s3://acme-backups/orders/",
                                    b -> b.credentials(S3Credentials.inheritFromPodIdentity()))))
        .service(
            "orders-restore",
            s ->
                s.namespace("orders")
                    .withoutMigrations()
                    .database(
                        db ->
                            db.storage("1Gi")
                                .restore(Restore.fromService("orders").pointInTime(pointInTime))))
        .build();
  }

  @Test
  void validate_reportsPointInTime_whenItIsAfterTheValidatorsClock() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    List<Violation> violations =
        Validations.of(
            restoring(Instant.parse("2026-11-23T12:00:01Z")),
            s -> Optional.empty(),
            s -> Optional.empty(),
            clock);

    assertThat(violations)
        .map(Violation::toString)
        .containsExactly(
            "services[orders-restore].database.restore.pointInTime: 2026-11-23T12:00:01Z is in the future (now is 2026-11-23T12:00:00Z); "
                + "recovery never reaches it and the Cluster never starts (use a moment in the past, while the source was archiving WAL, "
                + "or leave pointInTime out to restore to the end of the archive)");
    assertThat(
            Validations.of(
                restoring(Instant.parse("2026-11-23T12:00:00Z")),
                s -> Optional.empty(),
                s -> Optional.empty(),
                clock))
        .isEmpty();
  }

  @Test
  void validate_reportsPointInTime_whenItIsAfterTheSystemClock() {
    assertThat(violations(restoring(Instant.parse("2999-01-01T00:00:00Z"))))
        .singleElement()
        .asString()
        .startsWith(
            "services[orders-restore].database.restore.pointInTime: 2999-01-01T00:00:00Z is in the future");
  }

  // --- requests and limits
  // --------------------------------------------------------------------------

  @Test
  void validate_reportsEveryRequestAboveItsLimit_inTheClusterTheJobAndTheApp() {
    List<String> violations =
        violations(
            Kit.builder()
                .repository("shop", r -> r.gitUrl("https://github.com/acme/shop.git"))
                .service(
                    "orders",
                    s ->
                        s.database(
                                db ->
                                    db.storage("1Gi")
                                        .resources(
                                            Resources.requests("2", "1Gi")
                                                .withLimits("1500m", "512Mi")))
                            .migrations(
                                m ->
                                    m.resources(
                                        Resources.requests("100m", "300Mi")
                                            .withLimits("0.1", "256Mi")))
                            .app(
                                "ghcr.io/acme/orders:1.0.0",
                                a ->
                                    a.resources(
                                        Resources.requests("1", "1G").withLimits("999m", "1Gi"))))
                .build(),
            s ->
                Optional.of(
                    new dev.kit.migration.MigrationDirectory(
                        List.of(
                            new dev.kit.migration.MigrationFile(
                                "20250101000000_init.sql",
                                "SELECT 1;\n"
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))))));

    assertThat(violations)
        .containsExactly(
            "services[orders].database.resources.requests.cpu: \"2\" is more than the limit \"1500m\"; Kubernetes rejects a request "
                + "above its limit (raise the limit to at least the request, or lower the request)",
            "services[orders].database.resources.requests.memory: \"1Gi\" is more than the limit \"512Mi\"; Kubernetes rejects a request "
                + "above its limit (raise the limit to at least the request, or lower the request)",
            "services[orders].migrations.resources.requests.memory: \"300Mi\" is more than the limit \"256Mi\"; Kubernetes rejects a "
                + "request above its limit (raise the limit to at least the request, or lower the request)",
            "services[orders].app.resources.requests.cpu: \"1\" is more than the limit \"999m\"; Kubernetes rejects a request above its "
                + "limit (raise the limit to at least the request, or lower the request)");
  }

  @Test
  void validate_acceptsRequests_whenEqualToOrBelowTheirLimits() {
    assertThat(
            databaseViolations(
                db -> db.resources(Resources.requests("500m", "1024Mi").withLimits("0.5", "1Gi"))))
        .isEmpty();
    assertThat(
            databaseViolations(
                db -> db.resources(Resources.requests("4", "8Gi").withLimits(null, "8Gi"))))
        .isEmpty();
  }

  private static List<String> violations(
      Kit kit,
      java.util.function.Function<Service, Optional<dev.kit.migration.MigrationDirectory>>
          migrationsOf) {
    return Validations.of(kit, migrationsOf).stream().map(Violation::toString).toList();
  }
}
