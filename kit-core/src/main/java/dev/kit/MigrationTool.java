package dev.kit;

import dev.kit.layout.RepositoryLayout;
import dev.kit.lint.LintFinding;
import dev.kit.lint.LintSettings;
import dev.kit.lint.TextLinter;
import dev.kit.migration.HistoryCheck;
import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.migration.MigrationHistoryGuard;
import dev.kit.migration.ServiceMigrations;
import dev.kit.model.Bootstrap;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.model.TxMode;
import dev.kit.plan.RepositoryLinkException;
import dev.kit.plan.RepositoryRoot;
import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * kit's migration tooling for one repository, beside {@link Generator}: new migrations, written the
 * way {@code atlas migrate new} names them and regenerated in the same commit; the text lint and
 * the history guard that {@code kit:check} runs; and each service's history as the Atlas Job sees
 * it, which kit-verify applies to a real PostgreSQL ({@code dev.kit.verify.MigrationVerification}).
 *
 * <pre>{@code
 * MigrationTool migrations = MigrationTool.forRepository(Path.of(".")).source("com.acme.shop.ShopServices");
 * Path file = migrations.newMigration(kit, Optional.of("orders"), "add_users", Clock.systemUTC());
 * migrations.lint(kit, LintSettings.defaults()).forEach(System.out::println);
 * }</pre>
 */
public final class MigrationTool {

  private final RepositoryRoot repository;
  private final Path root;

  /** Validates, and regenerates with each new migration. */
  private final Generator generator;

  private MigrationTool(RepositoryRoot repository, Generator generator) {
    this.repository = repository;
    this.root = repository.path();
    this.generator = generator;
  }

  /**
   * The migration tooling of the repository at {@code root}, which holds (or will hold) {@code
   * services/}.
   */
  public static MigrationTool forRepository(Path root) {
    RepositoryRoot repository = RepositoryRoot.of(Objects.requireNonNull(root, "root"));
    return new MigrationTool(repository, Generator.forRepository(root));
  }

  /**
   * A copy that names {@code source} (such as the description's class name) in the headers it
   * regenerates.
   */
  public MigrationTool source(String source) {
    return new MigrationTool(repository, generator.source(source));
  }

  /**
   * Writes a new, empty migration {@code <UTC yyyyMMddHHmmss>_<name>.sql} from kit's skeleton into
   * a service's migrations folder (never overwriting a file), and regenerates so {@code atlas.sum}
   * and the ConfigMap include it, all in one commit: when anything fails, nothing is written, not
   * even the migration.
   *
   * @param service the service; may be empty when the description has exactly one with migrations
   * @param name what the migration does, such as {@code add_users}
   * @param clock the time that becomes the version
   * @return the new file
   * @throws KitValidationException when the description, the service or the name is not usable
   */
  public Path newMigration(Kit kit, Optional<String> service, String name, Clock clock) {
    return addMigration(kit, service(kit, service), name, Optional.empty(), clock);
  }

  /**
   * Like {@link #newMigration(Kit, Optional, String, Clock)}, with {@code sql} as its content
   * instead of the skeleton: what a revert migration derived by kit-verify is written with.
   */
  public Path newMigration(
      Kit kit, Optional<String> service, String name, String sql, Clock clock) {
    return addMigration(
        kit, service(kit, service), name, Optional.of(Objects.requireNonNull(sql, "sql")), clock);
  }

  /**
   * The service a new migration goes to: the named one, or the only one with migrations.
   *
   * @throws KitValidationException naming the services to choose from
   */
  public Service service(Kit kit, Optional<String> name) {
    return NewMigrations.service(kit, name);
  }

  /** Creates a migration of {@code target} and regenerates, in one commit; returns the new file. */
  private Path addMigration(
      Kit kit, Service target, String name, Optional<String> content, Clock clock) {
    String version = NewMigrations.VERSION_FORMAT.format(clock.instant());
    Optional<String> migrations = RepositoryLayout.migrationsFolder(target);
    if (migrations.isEmpty()) {
      generator.validated(kit); // validation names the unsafe folder or name
      throw new IllegalStateException(
          "services[" + target.name() + "] has no safe migrations folder");
    }
    String folder = migrations.get();
    generator.write(kit, new Generator.Addition(target, folder, version, name, content));
    return root.resolve(folder).resolve(NewMigrations.fileName(version, name));
  }

  /**
   * Guards each service's migration history against {@code base} (a Git revision; empty for the
   * branch a pull request merges into, as {@link MigrationHistoryGuard#check} chooses it):
   * migrations at the base must be unchanged, new ones must sort after them.
   */
  public HistoryCheck checkHistory(Kit kit, Optional<String> base) {
    generator.recover();
    Map<String, Path> directories = new LinkedHashMap<>();
    for (Service service : kit.services()) {
      RepositoryLayout.migrationsFolder(service)
          .ifPresent(label -> directories.put(label, root.resolve(label)));
    }
    try {
      return MigrationHistoryGuard.check(root, directories, base);
    } catch (RepositoryLinkException e) {
      throw new KitValidationException(
          e.links().stream()
              .map(
                  link ->
                      new Violation(
                          "services[" + link.path().split("/")[1] + "].migrations",
                          link.problem(),
                          link.fix()))
              .toList());
    }
  }

  /**
   * Lints every service's migrations from their SQL text, fast and without a database: what {@code
   * kit:check} reports. kit-verify lints exactly, from the catalog of a real PostgreSQL.
   *
   * @throws KitValidationException when the description is invalid
   * @throws IllegalArgumentException naming every file whose {@code atlas:txmode} directive Atlas
   *     would refuse, or that has no statement, one per line
   */
  public List<LintFinding> lint(Kit kit, LintSettings settings) {
    TextLinter linter = new TextLinter(settings);
    List<LintFinding> findings = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (ServiceMigrations history : histories(kit)) {
      for (MigrationFile file : history.directory().files()) {
        try {
          findings.addAll(linter.lint(history.path(file.name()), file.content(), history.txMode()));
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
   * Validates {@code kit}, then reads each service's migrations as the Atlas Job will see them;
   * services without migration files are left out.
   *
   * @throws KitValidationException when the description is invalid
   */
  public List<ServiceMigrations> histories(Kit kit) {
    generator.validated(kit);
    List<ServiceMigrations> histories = new ArrayList<>();
    for (Service service : kit.services()) {
      Optional<String> folder = RepositoryLayout.migrationsFolder(service);
      if (folder.isEmpty()) {
        continue;
      }
      String label = folder.get();
      MigrationDirectory directory = MigrationDirectory.read(repository, repository.resolve(label));
      if (directory.isEmpty()) {
        continue;
      }
      Bootstrap bootstrap = kit.applicationDatabase(service);
      histories.add(
          new ServiceMigrations(
              service.name(),
              label,
              directory,
              service.migrations().get().txMode().orElse(TxMode.FILE),
              service.database().postgresMajor(),
              bootstrap.owner(),
              service.migrations().get().baseline()));
    }
    return histories;
  }
}
