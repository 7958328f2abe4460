package dev.kit.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Bootstraps a new cluster by recovery from another cluster's backups, optionally to a point in time.
 *
 * <pre>{@code
 * // "restore orders from last night's backup into orders-restore"
 * .service("orders-restore", s -> s.namespace("orders").withoutMigrations()
 *     .database(db -> db.storage("20Gi")
 *         .restore(Restore.fromService("orders").pointInTime(Instant.parse("2026-11-22T23:00:00Z")))))
 * }</pre>
 *
 * <p>Recovery creates no database: the cluster's {@code <cluster>-app} Secret names the database and owner the backups
 * hold. A restore from a service uses that service's (see {@link Kit#applicationDatabase}); a restore from an ObjectStore
 * names them with {@code bootstrap(database, owner)} on the restoring database, or CNPG would create an empty {@code app}.
 *
 * @param source whose backups to restore from
 * @param pointInTime restore up to this moment, or empty for the end of the archived WAL
 */
public record Restore(Source source, Optional<Instant> pointInTime) {

  /** Where the backups are. */
  public sealed interface Source {}

  /**
   * The backups of another service of the same description, in the same namespace.
   *
   * @param service that service's name
   */
  public record ServiceBackups(String service) implements Source {
    public ServiceBackups {
      Objects.requireNonNull(service, "service");
    }
  }

  /**
   * An {@code ObjectStore} in the cluster's namespace and the server name the backups were taken under
   * (by default the original cluster's name).
   *
   * @param objectStore the ObjectStore's name
   * @param serverName the folder of the original cluster in the store
   */
  public record ObjectStoreBackups(String objectStore, String serverName) implements Source {
    public ObjectStoreBackups {
      Objects.requireNonNull(objectStore, "objectStore");
      Objects.requireNonNull(serverName, "serverName");
    }
  }

  public Restore {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pointInTime, "pointInTime");
  }

  /** Restores from the backups of {@code service} (which must have backups). */
  public static Restore fromService(String service) {
    return new Restore(new ServiceBackups(service), Optional.empty());
  }

  /**
   * Restores from {@code objectStore}, where the original cluster archived as {@code serverName}; name the database and
   * owner it had with {@code bootstrap(database, owner)}.
   */
  public static Restore fromObjectStore(String objectStore, String serverName) {
    return new Restore(new ObjectStoreBackups(objectStore, serverName), Optional.empty());
  }

  /** A copy that stops recovery at {@code instant} (point-in-time recovery). */
  public Restore pointInTime(Instant instant) {
    return new Restore(source, Optional.of(instant));
  }
}
