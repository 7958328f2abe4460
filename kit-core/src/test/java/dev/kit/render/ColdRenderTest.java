package dev.kit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.input.ValidatedKit;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.App;
import dev.kit.model.Backups;
import dev.kit.model.Compression;
import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.model.Resources;
import dev.kit.model.S3Credentials;
import dev.kit.testing.ColdJvm;
import dev.kit.testing.Validations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What rendering a full CloudNativePG service costs a fresh JVM beyond writing its files: every
 * class the render loads is listed by a child JVM ({@code -Xlog:class+load}). Reading a Jackson
 * annotation at run time generates a {@code Proxy} class for it (~20 ms cold for the first), and
 * each lambda or method reference the render reaches spins a hidden class (~0.5 ms cold each);
 * PROFILE.md, section 16.2.
 */
class ColdRenderTest {

  private static final String RENDERING = "rendering";

  /** The child JVM: validates {@link #fullService()}, then renders it once. */
  public static void main(String[] args) {
    MigrationDirectory migrations =
        new MigrationDirectory(
            List.of(
                new MigrationFile(
                    "20250101000000_init.sql",
                    "CREATE TABLE t (id int);\n".getBytes(StandardCharsets.UTF_8)),
                new MigrationFile(
                    "20250101000100_more.sql",
                    "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (id);\n"
                        .getBytes(StandardCharsets.UTF_8))));
    ValidatedKit kit = Validations.validated(fullService(), Map.of("orders", migrations));
    System.out.println(RENDERING);
    int[] files = new int[1];
    // The path a generation takes: each service's files handed over as they are rendered.
    new KitRenderer("test").render(kit, (service, part) -> files[0] += part.size(), s -> true);
    System.out.println("files: " + files[0]);
  }

  /** A service as the benchmarks' workload has it: every part a CNPG service commonly uses. */
  static Kit fullService() {
    return Kit.builder()
        .repository("fleet", r -> r.gitUrl("https://git.example.com/platform/fleet.git"))
        .service(
            "orders",
            s ->
                s.label("team", "team-1")
                    .database(
                        db ->
                            db.instances(3)
                                .storage("20Gi", "standard")
                                .walStorage("5Gi", "standard")
                                .resources(
                                    Resources.requests("500m", "1Gi").withLimits(null, "1Gi"))
                                .parameter("max_connections", "200")
                                .bootstrap("app", "app")
                                .antiAffinity("topology.kubernetes.io/zone")
                                .backups(
                                    "s3://fleet-backups/orders/",
                                    b ->
                                        b.credentials(
                                                S3Credentials.fromSecret(
                                                    "orders-backup-s3",
                                                    "ACCESS_KEY_ID",
                                                    "ACCESS_SECRET_KEY"))
                                            .walCompression(Compression.ZSTD)
                                            .dataCompression(Compression.GZIP)
                                            .retentionPolicy("30d")
                                            .schedule("0 0 2 * * *")
                                            .backupOwnerReference(Backups.BackupOwner.SELF))
                                .pooler(
                                    p ->
                                        p.instances(2)
                                            .poolMode(Pooler.PoolMode.TRANSACTION)
                                            .readOnly(true)))
                    .monitoring(
                        m ->
                            m.replicationLagThreshold(Duration.ofSeconds(30))
                                .selectorLabel("release", "kube-prometheus-stack"))
                    .migrations(m -> m.activeDeadlineSeconds(600))
                    .app(
                        "ghcr.io/example/orders:1.0.0",
                        a ->
                            a.port(8080)
                                .replicas(2)
                                .readinessPath("/ready")
                                .livenessPath("/healthz")
                                .connection(App.Connection.POOLER)))
        .build();
  }

  /** The classes the child JVM loaded while rendering, in order; one child serves every test. */
  private static List<String> loaded;

  private static synchronized List<String> classesLoadedByRendering()
      throws IOException, InterruptedException {
    if (loaded != null) {
      return loaded;
    }
    List<String> lines = ColdJvm.run(ColdRenderTest.class);
    assertThat(lines).contains(RENDERING).anyMatch(line -> line.startsWith("files: "));
    loaded =
        ColdJvm.classesLoaded(
            lines.subList(lines.indexOf(RENDERING), lines.size()),
            BlockYaml.class.getName(),
            CnpgClusterRenderer.class.getName());
    return loaded;
  }

  @Test
  void render_readsNoAnnotation_forAFullCloudNativePgService()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByRendering())
        .filteredOn(c -> c.startsWith("jdk.proxy") || c.startsWith("sun.reflect.annotation."))
        // Asked for a class's annotations, it loads where there are none too; parsing one loads
        // the others.
        .filteredOn(c -> !c.equals("sun.reflect.annotation.AnnotationParser"))
        .isEmpty();
  }

  @Test
  void render_spinsNoLambdaClassOfTheRenderer_forAFullCloudNativePgService()
      throws IOException, InterruptedException {
    assertThat(classesLoadedByRendering())
        .filteredOn(
            c ->
                (c.startsWith("dev.kit.render.") || c.startsWith("dev.kit.provider."))
                    && c.contains("$$Lambda"))
        .filteredOn(c -> !c.startsWith(ColdRenderTest.class.getName())) // the sink's
        .isEmpty();
  }
}
