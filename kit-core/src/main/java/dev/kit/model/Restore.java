package dev.kit.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Bootstraps a new cluster by recovery from another cluster's backups, optionally to a point in
 * time.
 *
 * <pre>{@code
 * // "restore orders from last night's backup into orders-restore"
 * .service("orders-restore", s -> s.namespace("orders").withoutMigrations()
 *     .database(db -> db.storage("20Gi")
 *         .restore(Restore.fromService("orders").pointInTime(Instant.parse("2026-11-22T23:00:00Z")))))
 * }</pre>
 *
 * <p>Recovery creates no database: the cluster's {@code <cluster>-app} Secret names the database
 * and owner the backups hold. A restore from a service uses that service's (see {@link
 * Kit#applicationDatabase}); a restore from an ObjectStore names them with {@code
 * bootstrap(database, owner)} on the restoring database, or CNPG would create an empty {@code app}.
 */
public final class Restore {

  /** Where the backups are. */
  public sealed interface Source {}

  /**
   * The backups of another service of the same description, in the same namespace.
   *
   * @param service that service's name
   */
  public record ServiceBackups(String service) implements Source {
    public ServiceBackups {
      Objects.requireNonNull(
          service,
          "ServiceBackups(service): service is null; pass the name of the service whose backups to restore");
    }
  }

  /**
   * An {@code ObjectStore} in the cluster's namespace and the server name the backups were taken
   * under (by default the original cluster's name).
   *
   * @param objectStore the ObjectStore's name
   * @param serverName the folder of the original cluster in the store
   */
  public record ObjectStoreBackups(String objectStore, String serverName) implements Source {
    public ObjectStoreBackups {
      Objects.requireNonNull(
          objectStore,
          "ObjectStoreBackups(objectStore, serverName): objectStore is null; pass the ObjectStore's name");
      Objects.requireNonNull(
          serverName,
          "ObjectStoreBackups(objectStore, serverName): serverName is null; pass the original cluster's name");
    }
  }

  private final Source source;
  private final Optional<Instant> pointInTime;

  private Restore(Source source, Optional<Instant> pointInTime) {
    this.source = source;
    this.pointInTime = pointInTime;
  }

  /** Restores from the backups of {@code service} (which must have backups). */
  public static Restore fromService(String service) {
    return builder(
            new ServiceBackups(
                Objects.requireNonNull(
                    service,
                    "Restore.fromService(service): service is null; "
                        + "pass the name of the service whose backups to restore")))
        .build();
  }

  /**
   * Restores from {@code objectStore}, where the original cluster archived as {@code serverName};
   * name the database and owner it had with {@code bootstrap(database, owner)}.
   */
  public static Restore fromObjectStore(String objectStore, String serverName) {
    return builder(
            new ObjectStoreBackups(
                Objects.requireNonNull(
                    objectStore,
                    "Restore.fromObjectStore(objectStore, serverName): objectStore is null; pass the ObjectStore's name"),
                Objects.requireNonNull(
                    serverName,
                    "Restore.fromObjectStore(objectStore, serverName): serverName is null; pass the original cluster's name")))
        .build();
  }

  /** Restores from {@code source}: a {@link ServiceBackups} or an {@link ObjectStoreBackups}. */
  public static Builder builder(Source source) {
    return new Builder(
        Objects.requireNonNull(
            source,
            "Restore.builder(source): source is null; "
                + "pass new Restore.ServiceBackups(service) or new Restore.ObjectStoreBackups(objectStore, serverName)"));
  }

  /** A builder holding this restore, to change some of it. */
  public Builder toBuilder() {
    Builder builder = new Builder(source);
    builder.pointInTime = pointInTime.orElse(null);
    return builder;
  }

  /** A copy that stops recovery at {@code instant} (point-in-time recovery). */
  public Restore pointInTime(Instant instant) {
    return toBuilder()
        .pointInTime(
            Objects.requireNonNull(
                instant,
                "Restore.pointInTime(instant): instant is null; "
                    + "pass the moment to recover to, such as Instant.parse(\"2026-11-22T23:00:00Z\")"))
        .build();
  }

  /** Whose backups to restore from. */
  public Source source() {
    return source;
  }

  /** Restore up to this moment, or empty for the end of the archived WAL. */
  public Optional<Instant> pointInTime() {
    return pointInTime;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Restore that
        && source.equals(that.source)
        && pointInTime.equals(that.pointInTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, pointInTime);
  }

  @Override
  public String toString() {
    return "Restore[source=" + source + ", pointInTime=" + pointInTime + "]";
  }

  /**
   * Builds a {@link Restore}; without a point in time it recovers to the end of the archived WAL.
   */
  public static final class Builder {
    private final Source source;
    private @Nullable Instant pointInTime;

    private Builder(Source source) {
      this.source = source;
    }

    /** Stops recovery at {@code instant} (point-in-time recovery). */
    public Builder pointInTime(Instant instant) {
      this.pointInTime =
          Objects.requireNonNull(
              instant,
              "Restore.Builder.pointInTime(instant): instant is null; "
                  + "pass the moment to recover to, or leave it out for the end of the WAL");
      return this;
    }

    public Restore build() {
      return new Restore(source, Optional.ofNullable(pointInTime));
    }
  }
}
