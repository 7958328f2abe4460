package dev.kit;

import dev.kit.layout.RepositoryLayout;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.PostgresImages;
import dev.kit.model.Service;
import dev.kit.model.TxMode;
import dev.kit.plan.RepositoryRoot;
import dev.kit.verify.DownMigration;
import dev.kit.verify.EmbeddedPostgresServer;
import dev.kit.verify.LintFinding;
import dev.kit.verify.LintSettings;
import dev.kit.verify.MigrationLinter;
import dev.kit.verify.MigrationVerifier;
import dev.kit.verify.ServiceMigrations;
import dev.kit.verify.ServiceVerification;
import dev.kit.verify.VerifyOptions;
import dev.kit.verify.VerifyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What {@link Generator} does for {@code kit:check}'s lint, {@code kit:verify} and revert migrations. */
final class MigrationChecks {

  /** A cluster image tag's minor release, such as 17.4 in {@code 17.4-standard-trixie}; no minor in {@code 17-standard-trixie}. */
  private static final Pattern TAG_MINOR = Pattern.compile("([0-9]+\\.[0-9]+)([^0-9.].*)?");

  private MigrationChecks() {}

  /** Each service's migrations on disk, as the Atlas Job will see them; services without files are left out. */
  static List<ServiceMigrations> histories(Kit kit, RepositoryRoot root) {
    List<ServiceMigrations> histories = new ArrayList<>();
    for (Service service : kit.services()) {
      Optional<String> folder = RepositoryLayout.migrationsFolder(service);
      if (folder.isEmpty()) {
        continue;
      }
      String label = folder.get();
      MigrationDirectory directory = MigrationDirectory.read(root, root.resolve(label));
      if (directory.isEmpty()) {
        continue;
      }
      Migrations migrations = service.migrations().get();
      Bootstrap bootstrap = kit.applicationDatabase(service);
      histories.add(new ServiceMigrations(service.name(), label, directory, migrations.txMode().orElse(TxMode.FILE),
          service.database().postgresMajor(), bootstrap.owner()));
    }
    return histories;
  }

  /**
   * The text lint of every migration of every service.
   *
   * @throws IllegalArgumentException naming, one per line, every file Atlas would refuse or that has no statement
   */
  static List<LintFinding> lint(List<ServiceMigrations> histories, LintSettings settings) {
    MigrationLinter linter = new MigrationLinter(settings);
    List<LintFinding> findings = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (ServiceMigrations history : histories) {
      for (MigrationFile file : history.directory().files()) {
        try {
          findings.addAll(linter.lintText(history.path(file.name()), file.content(), history.txMode()));
        } catch (IllegalArgumentException e) {
          refused.add(e.getMessage());
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", refused));
    }
    return findings;
  }

  /**
   * What kit:verify says when {@code service}'s cluster image runs another minor release than the {@code ran} server
   * (kit's pinned images run the same), or when its tag names none; empty when they match.
   */
  static Optional<String> minorNote(Service service, String ran) {
    Database db = service.database();
    String ranAs = "kit:verify ran " + ran + ", the release it pins for PostgreSQL " + db.postgresMajor();
    if (db.imageName().isEmpty()) {
      return PostgresImages.minor(db.postgresMajor()).filter(minor -> !minor.equals(ran))
          .map(minor -> service.name() + ": the cluster runs PostgreSQL " + minor + "; " + ranAs);
    }
    String image = db.imageName().get();
    String reference = image.replaceFirst("@.*", "");
    String tag = reference.lastIndexOf(':') > reference.lastIndexOf('/') ? reference.substring(reference.lastIndexOf(':') + 1) : "";
    Matcher minor = TAG_MINOR.matcher(tag);
    if (!minor.matches()) {
      return Optional.of(service.name() + ": the cluster's image " + image + " names no minor release; " + ranAs);
    }
    return minor.group(1).equals(ran) ? Optional.empty()
        : Optional.of(service.name() + ": the cluster runs PostgreSQL " + minor.group(1) + " (" + image + "); " + ranAs);
  }

  /**
   * Starts one server per major in turn and verifies its services on it, each on databases of its own.
   *
   * @throws IllegalStateException naming the services when their server cannot be started
   */
  static VerifyReport verify(Kit kit, List<ServiceMigrations> histories, VerifyOptions options) {
    Map<Integer, List<ServiceMigrations>> byMajor = new TreeMap<>();
    histories.forEach(h -> byMajor.computeIfAbsent(h.postgresMajor(), m -> new ArrayList<>()).add(h));
    List<VerifyReport.Server> servers = new ArrayList<>();
    List<ServiceVerification> services = new ArrayList<>();
    MigrationVerifier verifier = new MigrationVerifier(options.lint());
    byMajor.forEach((major, onMajor) -> {
      try (EmbeddedPostgresServer server = start(major, onMajor, options)) {
        servers.add(new VerifyReport.Server(major, server.version(), server.startup()));
        onMajor.forEach(history -> services.add(withMinorNote(kit, verifier.verify(server, history))));
      }
    });
    return new VerifyReport(servers, services);
  }

  private static ServiceVerification withMinorNote(Kit kit, ServiceVerification v) {
    Optional<String> note = kit.service(v.service()).flatMap(service -> minorNote(service, v.postgresVersion()));
    if (note.isEmpty()) {
      return v;
    }
    List<String> notes = new ArrayList<>(v.notes());
    notes.add(note.get());
    return new ServiceVerification(v.service(), v.postgresVersion(), v.files(), v.statements(), v.firstRun(), v.replay(),
        v.error(), v.findings(), v.problems(), notes);
  }

  /** Derives the down migration of {@code version} of {@code history} on a server of its major. */
  static DownMigration revert(ServiceMigrations history, String version, VerifyOptions options) {
    try (EmbeddedPostgresServer server = start(history.postgresMajor(), List.of(history), options)) {
      MigrationVerifier.FileChange change = new MigrationVerifier(options.lint()).change(server, history, version);
      return DownMigration.derive(change, "PostgreSQL " + server.version());
    }
  }

  /** A server of {@code major} for {@code services}, whose names prefix the error when it cannot start. */
  private static EmbeddedPostgresServer start(int major, List<ServiceMigrations> services, VerifyOptions options) {
    try {
      return EmbeddedPostgresServer.start(major, options);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          services.stream().map(ServiceMigrations::service).collect(Collectors.joining(", ")) + ": " + e.getMessage(), e);
    }
  }

  /** The history of {@code service}, which must have migration files. */
  static ServiceMigrations history(Kit kit, RepositoryRoot root, Service service) {
    return histories(kit, root).stream().filter(h -> h.service().equals(service.name())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("service " + service.name() + " has no migration files to revert"));
  }
}
