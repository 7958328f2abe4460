package dev.kit.render;

import dev.kit.migration.AtlasSum;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.migration.Sha256;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a service's migrations: the ConfigMaps that carry the SQL files, {@code atlas.sum} and,
 * for the Job, its {@code atlas.hcl}, and the Atlas Job that applies them as an Argo CD Sync hook
 * after the database is healthy.
 */
final class MigrationsRenderer {

  static final String COMPONENT = "migrations";
  static final String MIGRATIONS_MOUNT = "/migrations";
  static final String CA_MOUNT = Connection.CA_MOUNT;
  static final String DIGEST_ANNOTATION = "kit.dev/migrations";

  /** A non-root uid/gid that exists in no image's passwd; Atlas needs only HOME on an emptyDir. */
  private static final long RUN_AS = 65532L;

  private MigrationsRenderer() {}

  /**
   * The ConfigMaps, in order: {@code atlas.sum}, for the Job the project file {@code atlas.hcl} it
   * runs (the Atlas operator writes its own), and the first files in the first; the rest packed in
   * name order, each under the budget.
   */
  static List<KubeConfigMap> configMaps(
      Kit kit,
      Service service,
      Migrations m,
      MigrationDirectory dir,
      byte[] sumFile,
      byte[] projectFile) {
    // atlas.sum and atlas.hcl travel as the files do, in the arrays their planned files hold (no
    // one changes those); the migrations' bytes are not copied again.
    List<Map<String, MigrationFile>> parts = new ArrayList<>();
    Map<String, MigrationFile> current = new TreeMap<>();
    MigrationFile sum = MigrationFile.handedOver(MigrationDirectory.SUM_FILE, sumFile);
    current.put(sum.name(), sum);
    long used = cost(sum);
    if (m.engine() == Migrations.Engine.JOB) {
      MigrationFile project = MigrationFile.handedOver(AtlasHclRenderer.PROJECT_FILE, projectFile);
      current.put(project.name(), project);
      used += cost(project);
    }
    for (MigrationFile file : dir.files()) {
      long cost = cost(file);
      if (used + cost > MigrationDirectory.CONFIGMAP_BUDGET_BYTES && !current.isEmpty()) {
        parts.add(current);
        current = new TreeMap<>();
        used = 0;
      }
      current.put(file.name(), file);
      used += cost;
    }
    parts.add(current);

    // The Job is re-created on every sync and mounts the ConfigMaps as they are then: fixed names
    // serve it. The AtlasMigration reads its ConfigMap whenever the operator reconciles: a new name
    // per content, and the previous ConfigMap, which the previous AtlasMigration reads until wave
    // -1 replaces it, pruned only after the sync.
    boolean operator = m.engine() == Migrations.Engine.OPERATOR;
    String addressed = operator ? contentAddressedName(service, parts) : null;
    // Client-side apply copies the whole object into an annotation limited to 256 KiB; SQL outgrows
    // it.
    String syncOptions = operator ? "ServerSideApply=true,PruneLast=true" : "ServerSideApply=true";
    List<KubeConfigMap> configMaps = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      Map<String, CharSequence> data = new TreeMap<>();
      Map<String, String> binaryData = new TreeMap<>();
      for (Map.Entry<String, MigrationFile> entry : parts.get(i).entrySet()) {
        MigrationFile file = entry.getValue();
        // Printable ASCII and line feeds, nearly every migration: its bytes are its text, written
        // into the YAML as they are, without a String.
        AsciiLines lines = AsciiLines.of(file);
        if (lines != null) {
          data.put(entry.getKey(), lines);
          continue;
        }
        Optional<String> text = file.configMapText();
        if (text.isPresent()) {
          data.put(entry.getKey(), text.get());
        } else {
          binaryData.put(entry.getKey(), Base64.getEncoder().encodeToString(file.content()));
        }
      }
      configMaps.add(
          new KubeConfigMap(
              ObjectMetadata.builder()
                  .withName(
                      operator
                          ? addressed + (i == 0 ? "" : "-" + (i + 1))
                          : service.migrationsConfigMapName(i + 1))
                  .withNamespace(service.namespace())
                  .addToAnnotations("argocd.argoproj.io/sync-options", syncOptions)
                  .addToAnnotations(SyncWave.ANNOTATION, SyncWave.DATABASE.annotationValue())
                  .withLabels(KitLabels.of(kit, service, COMPONENT))
                  .build(),
              data,
              binaryData));
    }
    return configMaps;
  }

  /**
   * Whether the database holds what kit had created before the first migration runs and Atlas,
   * seeing no revisions and no baseline, would refuse it as not clean: a schema (or an extension's
   * tables) made by the CNPG Database at the wave before. Atlas's check then needs {@code
   * --allow-dirty}, which only the first run looks at.
   */
  static boolean createsBeforeMigrations(Database db, Migrations m) {
    return m.baseline().isEmpty() && (!db.schemas().isEmpty() || !db.extensions().isEmpty());
  }

  /**
   * The Atlas {@code migrate apply} Job. It runs the {@code k8s} env of the {@code atlas.hcl}
   * shipped in the first ConfigMap, whose URL Atlas reads from {@code DATABASE_URL} itself: a
   * {@code $(VAR)} in the arguments would put the password on the process's command line.
   */
  static KubeJob job(Kit kit, Service service, Migrations m, AtlasSum sum, int configMapCount) {
    Connection connection = DatabaseProviders.connection(kit, service);
    List<String> args =
        new ArrayList<>(
            List.of(
                "migrate",
                "apply",
                "--env",
                AtlasHclRenderer.CLUSTER_ENV,
                "--config",
                "file://" + MIGRATIONS_MOUNT + "/" + AtlasHclRenderer.PROJECT_FILE));
    // The project file's migration block has no tx mode.
    if (m.txMode().isPresent()) {
      args.addAll(List.of("--tx-mode", m.txMode().get().flag()));
    }
    if (createsBeforeMigrations(service.database(), m)) {
      args.add("--allow-dirty");
    }

    List<PodTemplate.VolumeProjection> sources = new ArrayList<>(configMapCount);
    for (int i = 1; i <= configMapCount; i++) {
      sources.add(
          new PodTemplate.VolumeProjection(
              new PodTemplate.ConfigMapProjection(service.migrationsConfigMapName(i))));
    }

    boolean mountsCa = m.sslMode().verifiesServer() && connection.ca().isPresent();
    List<PodTemplate.VolumeMount> mounts = new ArrayList<>();
    List<PodTemplate.Volume> volumes = new ArrayList<>();
    mounts.add(new PodTemplate.VolumeMount("migrations", MIGRATIONS_MOUNT, true));
    volumes.add(
        new PodTemplate.Volume("migrations", null, null, new PodTemplate.Projected(sources)));
    if (mountsCa) {
      // Only the CA certificate, never ca.key.
      SecretKey ca = connection.ca().orElseThrow();
      mounts.add(new PodTemplate.VolumeMount("db-ca", CA_MOUNT, true));
      volumes.add(PodTemplate.Volume.secretKey("db-ca", ca.name(), ca.key(), "ca.crt"));
    }
    mounts.add(new PodTemplate.VolumeMount("tmp", "/tmp", null));
    volumes.add(PodTemplate.Volume.emptyDir("tmp"));

    PodTemplate.Container container =
        new PodTemplate.Container(
            "atlas",
            m.atlasImage(),
            args,
            List.of(
                PodTemplate.EnvVar.fromSecret("DATABASE_URL", connection.migrationSecret(), "uri"),
                PodTemplate.EnvVar.literal("HOME", "/tmp"),
                // Otherwise Atlas asks vercheck.ariga.io for a newer release on every run
                // (cmd/atlas/main.go).
                PodTemplate.EnvVar.literal("ATLAS_NO_UPDATE_NOTIFIER", "1")),
            null,
            KubeResources.of(m.resources()),
            null,
            null,
            null,
            PodTemplate.ContainerSecurityContext.RESTRICTED,
            mounts);
    PodTemplate.Spec pod =
        new PodTemplate.Spec(
            false,
            List.of(container),
            "Never",
            PodTemplate.SecurityContext.restricted(RUN_AS, RUN_AS),
            volumes);
    PodTemplate template =
        new PodTemplate(
            ObjectMetadata.builder()
                .addToAnnotations(DIGEST_ANNOTATION, sum.total())
                .withLabels(KitLabels.podLabels(service, COMPONENT))
                .build(),
            pod);
    return new KubeJob(
        ObjectMetadata.builder()
            .withName(service.migrationJobName())
            .withNamespace(service.namespace())
            .addToAnnotations("argocd.argoproj.io/hook", "Sync")
            // Re-created on every sync (Jobs are immutable); never a TTL, which would make Argo CD
            // re-run it.
            .addToAnnotations("argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation")
            .addToAnnotations(SyncWave.ANNOTATION, SyncWave.MIGRATION.annotationValue())
            .withLabels(KitLabels.of(kit, service, COMPONENT))
            .build(),
        new KubeJob.Spec((long) m.activeDeadlineSeconds(), m.backoffLimit(), template));
  }

  /**
   * The query the project file's {@code k8s} env adds to the Secret's uri (which has none): an
   * explicit sslmode, and the mounted CA; without a CA Secret, Atlas verifies the server against
   * the system's trusted roots.
   */
  static String urlQuery(Migrations m, Connection connection) {
    String query = "sslmode=" + m.sslMode().value();
    return m.sslMode().verifiesServer() && connection.ca().isPresent()
        ? query + "&sslrootcert=" + CA_MOUNT + "/ca.crt"
        : query;
  }

  /**
   * {@code <service>-migrations-<10 hex digits of a SHA-256 over every key and value it carries>}:
   * changed migrations change the AtlasMigration's spec, so the operator reconciles before Argo CD
   * reads its {@code Ready} again. A service name is at most 55 characters (its Job's name is a
   * label): far below a ConfigMap name's 253.
   */
  private static String contentAddressedName(
      Service service, List<Map<String, MigrationFile>> parts) {
    MessageDigest digest = Sha256.newDigest();
    for (Map<String, MigrationFile> part : parts) {
      for (Map.Entry<String, MigrationFile> entry : part.entrySet()) {
        digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update(
            ByteBuffer.allocate(Long.BYTES + 1)
                .put((byte) 0)
                .putLong(entry.getValue().size())
                .array());
        digest.update(entry.getValue().view());
      }
    }
    return service.migrationsConfigMapName(1)
        + "-"
        + HexFormat.of().formatHex(digest.digest(), 0, 5);
  }

  /** What an entry counts against the ConfigMap size limit: its key and raw value bytes. */
  private static long cost(MigrationFile file) {
    return (long) file.name().length() + file.size();
  }
}
