package dev.kit.verify;

import dev.kit.MigrationTool;
import dev.kit.migration.ServiceMigrations;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.PostgresImages;
import dev.kit.model.Service;
import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations of one repository on a real PostgreSQL: {@code kit:verify} and {@code
 * kit:new-migration -Drevert}. Each service's history, read by {@link MigrationTool}, is applied
 * the way the Atlas Job will, on a server of its cluster's major.
 *
 * <pre>{@code
 * VerifyOptions options = VerifyOptions.of(PostgresBinaries.inDirectory(Path.of("target/postgres-binaries")));
 * VerifyReport report = MigrationVerification.forRepository(Path.of(".")).verify(kit, options);
 * report.failures().forEach(System.err::println);
 * }</pre>
 */
public final class MigrationVerification {

  /**
   * A cluster image tag's minor release, such as 17.4 in {@code 17.4-standard-trixie}; no minor in
   * {@code 17-standard-trixie}.
   */
  private static final Pattern TAG_MINOR = Pattern.compile("([0-9]+\\.[0-9]+)([^0-9.].*)?");

  private final MigrationTool migrations;

  private MigrationVerification(MigrationTool migrations) {
    this.migrations = migrations;
  }

  /** The verification of the repository at {@code root}, which holds {@code services/}. */
  public static MigrationVerification forRepository(Path root) {
    return new MigrationVerification(MigrationTool.forRepository(root));
  }

  /**
   * A copy that names {@code source} (such as the description's class name) in the headers a revert
   * regenerates.
   */
  public MigrationVerification source(String source) {
    return new MigrationVerification(migrations.source(source));
  }

  /**
   * Applies every service's migrations to a real PostgreSQL of its cluster's major version, the way
   * the Atlas Job will, lints what each statement changed in the catalog, replays the history on a
   * fresh database, and proves each revert migration: what {@code kit:verify} runs. Services of one
   * major share a server (started one major at a time) and run one after another, each on a
   * database named and prepared as its cluster's, with its cluster's roles and none another
   * service's.
   *
   * @throws KitValidationException when the description is invalid
   * @throws IllegalStateException naming the services when their server cannot be started
   */
  public VerifyReport verify(Kit kit, VerifyOptions options) {
    Objects.requireNonNull(options, "options");
    Map<Integer, List<ServiceMigrations>> byMajor = new TreeMap<>();
    migrations
        .histories(kit)
        .forEach(h -> byMajor.computeIfAbsent(h.postgresMajor(), m -> new ArrayList<>()).add(h));
    List<VerifyReport.Server> servers = new ArrayList<>();
    List<ServiceVerification> services = new ArrayList<>();
    MigrationVerifier verifier = new MigrationVerifier(options.lint());
    byMajor.forEach(
        (major, onMajor) -> {
          try (EmbeddedPostgresServer server = start(major, onMajor, options)) {
            servers.add(new VerifyReport.Server(major, server.version(), server.startup()));
            onMajor.forEach(
                history ->
                    services.add(
                        withMinorNote(
                            kit, verifier.verify(server, history, database(kit, history)))));
          }
        });
    return new VerifyReport(servers, services);
  }

  /**
   * Writes a new migration {@code <UTC yyyyMMddHHmmss>_revert_<version>.sql} that reverses
   * migration {@code version}, derived from the catalog before and after it on a real PostgreSQL,
   * then regenerates.
   *
   * @param service the service; may be empty when the description has exactly one with migrations
   * @return the file written and what it cannot undo
   * @throws KitValidationException when the description, the service or the version is not usable
   * @throws IllegalStateException when the PostgreSQL server cannot be started
   */
  public Revert revert(
      Kit kit, Optional<String> service, String version, VerifyOptions options, Clock clock) {
    Service target = migrations.service(kit, service);
    List<ServiceMigrations> histories = migrations.histories(kit);
    DownMigration down;
    try {
      ServiceMigrations history =
          histories.stream()
              .filter(h -> h.service().equals(target.name()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "service " + target.name() + " has no migration files to revert"));
      down = derive(history, ClusterDatabase.of(kit, target), version, options);
    } catch (HistoryRefusedException e) {
      // The version is right; a file before it (or it) fails, as kit:verify would say.
      throw new KitValidationException(
          List.of(
              new Violation(
                  "newMigration.revert",
                  Objects.requireNonNullElse(e.getMessage(), e.toString()),
                  "mend the migration PostgreSQL refuses (mvn kit:verify runs the whole history of"
                      + " service \""
                      + target.name()
                      + "\" and names it), then derive the revert again")));
    } catch (IllegalArgumentException e) {
      throw new KitValidationException(
          List.of(
              new Violation(
                  "newMigration.revert",
                  Objects.requireNonNullElse(e.getMessage(), e.toString()),
                  "name the version of a migration of service \""
                      + target.name()
                      + "\" that applies")));
    }
    Path file =
        migrations.newMigration(
            kit, Optional.of(target.name()), "revert_" + version, down.sql(), clock);
    return new Revert(file, down);
  }

  /**
   * A revert migration that was written.
   *
   * @param file the new migration
   * @param down its text and what it cannot undo
   */
  public record Revert(Path file, DownMigration down) {}

  /** Derives the down migration of {@code version} of {@code history} on a server of its major. */
  private static DownMigration derive(
      ServiceMigrations history, ClusterDatabase database, String version, VerifyOptions options) {
    try (EmbeddedPostgresServer server =
        start(history.postgresMajor(), List.of(history), options)) {
      MigrationVerifier.FileChange change =
          new MigrationVerifier(options.lint()).change(server, history, database, version);
      return DownMigration.derive(change, "PostgreSQL " + server.version());
    }
  }

  /**
   * A server of {@code major} for {@code services}, which a {@link ServerStartException} names when
   * it cannot start.
   */
  private static EmbeddedPostgresServer start(
      int major, List<ServiceMigrations> services, VerifyOptions options) {
    try {
      return EmbeddedPostgresServer.start(major, options);
    } catch (IllegalStateException e) {
      throw new ServerStartException(services.stream().map(ServiceMigrations::service).toList(), e);
    }
  }

  /** The application database {@code history}'s service finds in its cluster. */
  private static ClusterDatabase database(Kit kit, ServiceMigrations history) {
    Service service =
        kit.service(history.service())
            .orElseThrow(() -> new IllegalStateException("no service " + history.service()));
    return ClusterDatabase.of(kit, service);
  }

  private static ServiceVerification withMinorNote(Kit kit, ServiceVerification v) {
    Optional<String> note =
        kit.service(v.service()).flatMap(service -> minorNote(service, v.postgresVersion()));
    if (note.isEmpty()) {
      return v;
    }
    List<String> notes = new ArrayList<>(v.notes());
    notes.add(note.get());
    return new ServiceVerification(
        v.service(),
        v.postgresVersion(),
        v.files(),
        v.statements(),
        v.firstRun(),
        v.replay(),
        v.error(),
        v.findings(),
        v.problems(),
        notes,
        v.warnings());
  }

  /**
   * What kit:verify says when {@code service}'s cluster image runs another minor release than the
   * {@code ran} server (kit's pinned images run the same), or when its tag names none; empty when
   * they match.
   */
  static Optional<String> minorNote(Service service, String ran) {
    Database db = service.database();
    String ranAs =
        "kit:verify ran " + ran + ", the release it pins for PostgreSQL " + db.postgresMajor();
    if (db.imageName().isEmpty()) {
      return PostgresImages.minor(db.postgresMajor())
          .filter(minor -> !minor.equals(ran))
          .map(minor -> service.name() + ": the cluster runs PostgreSQL " + minor + "; " + ranAs);
    }
    String image = db.imageName().get();
    String reference = image.replaceFirst("@.*", "");
    String tag =
        reference.lastIndexOf(':') > reference.lastIndexOf('/')
            ? reference.substring(reference.lastIndexOf(':') + 1)
            : "";
    Matcher minor = TAG_MINOR.matcher(tag);
    if (!minor.matches()) {
      return Optional.of(
          service.name() + ": the cluster's image " + image + " names no minor release; " + ranAs);
    }
    return minor.group(1).equals(ran)
        ? Optional.empty()
        : Optional.of(
            service.name()
                + ": the cluster runs PostgreSQL "
                + minor.group(1)
                + " ("
                + image
                + "); "
                + ranAs);
  }
}
