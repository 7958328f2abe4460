package dev.kit.migration;

import dev.kit.model.TxMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One service's migration history as the Atlas Job sees it: the files, the transaction mode, the
 * PostgreSQL major of its cluster, and the owner of the application database, the role the Job
 * connects as.
 *
 * <pre>{@code
 * new ServiceMigrations("orders", "services/orders/migrations", MigrationDirectory.read(dir),
 *     TxMode.FILE, 17, "app", Optional.empty());
 * }</pre>
 *
 * @param service the service's name, which names it in verify's messages
 * @param label the directory relative to the repository root, which prefixes every file in messages
 * @param directory the migration files, in Atlas's order
 * @param txMode the service's {@code --tx-mode}
 * @param postgresMajor the major version of the service's cluster
 * @param owner the owner of the application database, the role the Job connects as (not a
 *     superuser)
 * @param baseline the version Atlas baselines a database without revisions at, or empty
 */
public record ServiceMigrations(
    String service,
    String label,
    MigrationDirectory directory,
    TxMode txMode,
    int postgresMajor,
    String owner,
    Optional<String> baseline) {

  public ServiceMigrations {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(txMode, "txMode");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(baseline, "baseline");
  }

  /**
   * The files, in order, that stand for this history on an empty database, as {@code atlas migrate
   * apply} chooses them on a database without revisions ({@code Executor.Pending}): without a
   * baseline it starts at the last file marked {@code -- atlas:checkpoint} (a header directive), so
   * the files before it never run; with a baseline it never runs a checkpoint file, and the files
   * up to the baseline stand for the database that existed before Atlas.
   */
  public List<MigrationFile> appliedFiles() {
    List<MigrationFile> files = directory.files();
    if (baseline.isPresent()) {
      return files.stream().filter(f -> !AtlasFileDirectives.isCheckpoint(f)).toList();
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      if (AtlasFileDirectives.isCheckpoint(files.get(i))) {
        return files.subList(i, files.size());
      }
    }
    return files;
  }

  /** The repository-relative path of {@code fileName}, as messages name it. */
  public String path(String fileName) {
    return label + "/" + fileName;
  }
}
