package dev.kit;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Bootstrap;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Service;
import dev.kit.model.TxMode;
import dev.kit.plan.FilePlan;
import dev.kit.plan.RepositoryRoot;
import dev.kit.validate.KitValidator;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What {@link Generator} does for {@code kit:check}'s lint, {@code kit:verify} and revert migrations. */
final class MigrationChecks {

  /** CNPG's bootstrap database and owner when the description sets none. */
  private static final Bootstrap CNPG_DEFAULT_BOOTSTRAP = new Bootstrap("app", "app");

  private MigrationChecks() {}

  /** Each service's migrations on disk, as the Atlas Job will see them; services without files are left out. */
  static List<ServiceMigrations> histories(Kit kit, RepositoryRoot root) {
    List<ServiceMigrations> histories = new ArrayList<>();
    for (Service service : kit.services()) {
      Optional<Path> relative = KitValidator.safeMigrationsPath(service);
      if (service.migrations().isEmpty() || relative.isEmpty()) {
        continue;
      }
      String label = FilePlan.SERVICES_ROOT + "/" + service.name() + "/" + relative.get().toString().replace('\\', '/');
      MigrationDirectory directory = MigrationDirectory.read(root, root.resolve(label));
      if (directory.isEmpty()) {
        continue;
      }
      Migrations migrations = service.migrations().get();
      Bootstrap bootstrap = service.database().bootstrap().orElse(CNPG_DEFAULT_BOOTSTRAP);
      histories.add(new ServiceMigrations(service.name(), label, directory, migrations.txMode().orElse(TxMode.FILE),
          service.database().postgresMajor(), bootstrap.database(), bootstrap.owner()));
    }
    return histories;
  }

  /** The text lint of every migration of every service. */
  static List<LintFinding> lint(List<ServiceMigrations> histories, LintSettings settings) {
    MigrationLinter linter = new MigrationLinter(settings);
    List<LintFinding> findings = new ArrayList<>();
    for (ServiceMigrations history : histories) {
      for (MigrationFile file : history.directory().files()) {
        findings.addAll(linter.lintText(history.path(file.name()), file.content(), history.txMode()));
      }
    }
    return findings;
  }

  /** Starts one server per major in turn and verifies the services on it. */
  static VerifyReport verify(List<ServiceMigrations> histories, VerifyOptions options) {
    Map<Integer, List<ServiceMigrations>> byMajor = new TreeMap<>();
    histories.forEach(h -> byMajor.computeIfAbsent(h.postgresMajor(), m -> new ArrayList<>()).add(h));
    List<VerifyReport.Server> servers = new ArrayList<>();
    List<ServiceVerification> services = new ArrayList<>();
    MigrationVerifier verifier = new MigrationVerifier(options.lint());
    byMajor.forEach((major, onMajor) -> {
      try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(major, options.binaries().jar(major),
          options.workDirectory())) {
        servers.add(new VerifyReport.Server(major, server.version(), server.startup()));
        onMajor.forEach(history -> services.add(verifier.verify(server, history)));
      }
    });
    return new VerifyReport(servers, services);
  }

  /** Derives the down migration of {@code version} of {@code history} on a server of its major. */
  static DownMigration revert(ServiceMigrations history, String version, VerifyOptions options) {
    int major = history.postgresMajor();
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(major, options.binaries().jar(major),
        options.workDirectory())) {
      MigrationVerifier.FileChange change = new MigrationVerifier(options.lint()).change(server, history, version);
      return DownMigration.derive(change, "PostgreSQL " + server.version());
    }
  }

  /** The history of {@code service}, which must have migration files. */
  static ServiceMigrations history(Kit kit, RepositoryRoot root, Service service) {
    return histories(kit, root).stream().filter(h -> h.service().equals(service.name())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("service " + service.name() + " has no migration files to revert"));
  }
}
