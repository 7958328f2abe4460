package dev.kit.migration;

import dev.kit.model.TxMode;
import java.util.Objects;

/**
 * One service's migration history as the Atlas Job sees it: the files, the transaction mode, the
 * PostgreSQL major of its cluster, and the owner of the application database, the role the Job
 * connects as.
 *
 * <pre>{@code
 * new ServiceMigrations("orders", "services/orders/migrations", MigrationDirectory.read(dir), TxMode.FILE, 17, "app");
 * }</pre>
 *
 * @param service the service's name, which also names its databases on a verify server (several
 *     services share one)
 * @param label the directory relative to the repository root, which prefixes every file in messages
 * @param directory the migration files, in Atlas's order
 * @param txMode the service's {@code --tx-mode}
 * @param postgresMajor the major version of the service's cluster
 * @param owner the owner of the application database, the role the Job connects as (not a
 *     superuser)
 */
public record ServiceMigrations(
    String service,
    String label,
    MigrationDirectory directory,
    TxMode txMode,
    int postgresMajor,
    String owner) {

  public ServiceMigrations {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(txMode, "txMode");
    Objects.requireNonNull(owner, "owner");
  }

  /** The repository-relative path of {@code fileName}, as messages name it. */
  public String path(String fileName) {
    return label + "/" + fileName;
  }
}
