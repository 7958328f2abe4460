package dev.kit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The service's application, generated as a {@code Deployment} and a {@code Service} at wave 0, after the
 * migration. Its database settings come from the CNPG {@code <cluster>-app} Secret; every connection also offers
 * {@code JDBC_URL}, verified ({@code sslmode=verify-full}) against the cluster CA. Leave it out to keep your own
 * manifests in {@code manifests/app/}.
 *
 * <pre>{@code
 * App app = App.builder("ghcr.io/acme/orders:1.4.2")
 *     .port(8080).replicas(2)
 *     .resources(Resources.requests("100m", "256Mi").withLimits(null, "256Mi"))
 *     .readinessPath("/ready").livenessPath("/healthz")
 *     .connection(App.Connection.POOLER)
 *     .runAsUser(1000).runAsGroup(1000)           // the image's numeric USER, instead of 10001
 *     .build();
 * }</pre>
 *
 * @param image the container image, pinned by tag or digest
 * @param port the HTTP port the container listens on
 * @param replicas the number of pods
 * @param resources requests and limits
 * @param readinessPath an HTTP path for the readiness probe, or empty for none
 * @param livenessPath an HTTP path for the liveness probe, or empty for none
 * @param connection how the database settings reach the container
 * @param runAsUser the numeric user the container runs as (default 10001): with {@code runAsNonRoot}, kubelet refuses
 *     an image whose user is root or a name, so kit sets a number
 * @param runAsGroup the numeric primary group (default 10001)
 */
public record App(
    String image,
    int port,
    int replicas,
    Resources resources,
    Optional<String> readinessPath,
    Optional<String> livenessPath,
    Connection connection,
    long runAsUser,
    long runAsGroup) {

  /** The user and group the app runs as unless set: not root, and in no base image's passwd. */
  public static final long DEFAULT_RUN_AS = 10001L;

  /** How the application finds its database. */
  public enum Connection {
    /**
     * {@code DATABASE_URL} from the Secret's {@code uri}, straight to the {@code -rw} service, and {@code JDBC_URL}
     * from its {@code jdbc-uri}.
     */
    URI,
    /**
     * libpq's {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}, to {@code -rw},
     * with {@code verify-full}, and {@code JDBC_URL} from the Secret's {@code jdbc-uri}.
     */
    PARTS,
    /**
     * The same libpq variables and a {@code JDBC_URL}, to the rw pooler: CNPG's Secret has no pooler URI, so kit
     * builds the settings itself (the service must have a pooler).
     */
    POOLER
  }

  public App {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(readinessPath, "readinessPath");
    Objects.requireNonNull(livenessPath, "livenessPath");
    Objects.requireNonNull(connection, "connection");
  }

  public static Builder builder(String image) {
    return new Builder(image);
  }

  /** A builder holding this app's settings, to change some of them (an environment's image tag or replicas). */
  public Builder toBuilder() {
    Builder b = new Builder(image);
    b.port = port;
    b.replicas = replicas;
    b.resources = resources;
    b.readinessPath = readinessPath.orElse(null);
    b.livenessPath = livenessPath.orElse(null);
    b.connection = connection;
    b.runAsUser = runAsUser;
    b.runAsGroup = runAsGroup;
    return b;
  }

  /** Builds an {@link App}. */
  public static final class Builder {
    private String image;
    private int port = 8080;
    private int replicas = 2;
    private Resources resources = Resources.requests("100m", "128Mi").withLimits(null, "256Mi");
    private String readinessPath;
    private String livenessPath;
    private Connection connection = Connection.URI;
    private long runAsUser = DEFAULT_RUN_AS;
    private long runAsGroup = DEFAULT_RUN_AS;

    private Builder(String image) {
      this.image = Objects.requireNonNull(image, "image");
    }

    /** The image, such as an environment's own tag. */
    public Builder image(String image) {
      this.image = Objects.requireNonNull(image, "image");
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    public Builder resources(Resources resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    public Builder readinessPath(String path) {
      this.readinessPath = Objects.requireNonNull(path, "readinessPath");
      return this;
    }

    public Builder livenessPath(String path) {
      this.livenessPath = Objects.requireNonNull(path, "livenessPath");
      return this;
    }

    public Builder connection(Connection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /** The numeric user to run as, such as the image's own numeric {@code USER}; never 0. */
    public Builder runAsUser(long uid) {
      this.runAsUser = uid;
      return this;
    }

    /** The numeric primary group to run as. */
    public Builder runAsGroup(long gid) {
      this.runAsGroup = gid;
      return this;
    }

    public App build() {
      return new App(image, port, replicas, resources, Optional.ofNullable(readinessPath), Optional.ofNullable(livenessPath),
          connection, runAsUser, runAsGroup);
    }
  }
}
