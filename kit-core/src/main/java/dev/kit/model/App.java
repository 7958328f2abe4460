package dev.kit.model;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service's application, generated as a {@code Deployment} and a {@code Service} at wave 0,
 * after the migration. Its database settings come from the CNPG {@code <cluster>-app} Secret; every
 * connection also offers {@code JDBC_URL}, verified ({@code sslmode=verify-full}) against the
 * cluster CA. Leave it out to keep your own manifests in {@code manifests/app/}.
 *
 * <p>Every connection also sets {@code PGSSLMODE=verify-full} and {@code PGSSLROOTCERT}: the
 * mounted CA file, or {@code system} (the system's trusted roots) for a database whose certificate
 * a public CA signs. libpq and pgx read them, and libpq reads {@code system} as that only from
 * version 16 on (before, as a file name, so the connection fails); pgJDBC reads neither, and gets
 * its settings from {@code JDBC_URL}. Another client may read neither: give it {@code
 * sslmode=verify-full} and the CA in its own settings.
 *
 * <p>With a {@link Builder#livenessPath liveness path}, kit also adds a startup probe on it that
 * gives the app up to 5 minutes (60 x 5 s) to answer before the liveness probe starts: without one,
 * an app slower to start than kubelet's 3 x 10 s is restarted in a loop.
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
 */
public final class App {

  /** The user and group the app runs as unless set: not root, and in no base image's passwd. */
  public static final long DEFAULT_RUN_AS = 10001L;

  /** How the application finds its database. */
  public enum Connection {
    /**
     * {@code DATABASE_URL} from the Secret's {@code uri}, straight to the {@code -rw} service, with
     * {@code PGSSLMODE} and {@code PGSSLROOTCERT} (the URI has no {@code sslmode}), and {@code
     * JDBC_URL} from its {@code jdbc-uri}.
     */
    URI,
    /**
     * libpq's {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code
     * PGPASSWORD}, to {@code -rw}, with {@code PGSSLMODE=verify-full} and {@code PGSSLROOTCERT} (a
     * file, or {@code system}, which needs libpq 16), and {@code JDBC_URL} from the Secret's {@code
     * jdbc-uri}.
     */
    PARTS,
    /**
     * The same libpq variables and a {@code JDBC_URL}, to the rw pooler, and no {@code
     * DATABASE_URL}: CNPG's Secret has no pooler URI, so kit builds the settings itself. Only for a
     * CloudNativePG database with a pooler.
     */
    POOLER
  }

  private final String image;
  private final int port;
  private final int replicas;
  private final Resources resources;
  private final Optional<String> readinessPath;
  private final Optional<String> livenessPath;
  private final Connection connection;
  private final Optional<String> connectAs;
  private final long runAsUser;
  private final long runAsGroup;

  private App(Builder builder) {
    this.image = builder.image;
    this.port = builder.port;
    this.replicas = builder.replicas;
    this.resources = builder.resources;
    this.readinessPath = Optional.ofNullable(builder.readinessPath);
    this.livenessPath = Optional.ofNullable(builder.livenessPath);
    this.connection = builder.connection;
    this.connectAs = Optional.ofNullable(builder.connectAs);
    this.runAsUser = builder.runAsUser;
    this.runAsGroup = builder.runAsGroup;
  }

  public static Builder builder(String image) {
    return new Builder(
        Objects.requireNonNull(
            image,
            "App.builder(image): image is null; "
                + "pass the container image, pinned by tag or digest, such as ghcr.io/acme/orders:1.4.2"));
  }

  /** A builder holding this app's settings, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder(image);
    builder.port = port;
    builder.replicas = replicas;
    builder.resources = resources;
    builder.readinessPath = readinessPath.orElse(null);
    builder.livenessPath = livenessPath.orElse(null);
    builder.connection = connection;
    builder.connectAs = connectAs.orElse(null);
    builder.runAsUser = runAsUser;
    builder.runAsGroup = runAsGroup;
    return builder;
  }

  /** The container image, pinned by tag or digest. */
  public String image() {
    return image;
  }

  /** The HTTP port the container listens on. */
  public int port() {
    return port;
  }

  /** The number of pods. */
  public int replicas() {
    return replicas;
  }

  /** Requests and limits. */
  public Resources resources() {
    return resources;
  }

  /** An HTTP path for the readiness probe, or empty for none. */
  public Optional<String> readinessPath() {
    return readinessPath;
  }

  /**
   * An HTTP path for the liveness probe, and a startup probe that allows 5 minutes to start, or
   * empty for neither.
   */
  public Optional<String> livenessPath() {
    return livenessPath;
  }

  /** How the database settings reach the container. */
  public Connection connection() {
    return connection;
  }

  /**
   * The managed role the app connects as ({@code Database.role(...)}, a login with a password
   * Secret) instead of the database's owner, or empty for the owner: with it the app holds only
   * what the migrations grant that role.
   */
  public Optional<String> connectAs() {
    return connectAs;
  }

  /**
   * The numeric user the container runs as (default 10001): with {@code runAsNonRoot}, kubelet
   * refuses an image whose user is root or a name, so kit sets a number.
   */
  public long runAsUser() {
    return runAsUser;
  }

  /** The numeric primary group (default 10001). */
  public long runAsGroup() {
    return runAsGroup;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof App that
        && image.equals(that.image)
        && port == that.port
        && replicas == that.replicas
        && resources.equals(that.resources)
        && readinessPath.equals(that.readinessPath)
        && livenessPath.equals(that.livenessPath)
        && connection == that.connection
        && connectAs.equals(that.connectAs)
        && runAsUser == that.runAsUser
        && runAsGroup == that.runAsGroup;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        image,
        port,
        replicas,
        resources,
        readinessPath,
        livenessPath,
        connection,
        connectAs,
        runAsUser,
        runAsGroup);
  }

  @Override
  public String toString() {
    return "App[image="
        + image
        + ", port="
        + port
        + ", replicas="
        + replicas
        + ", resources="
        + resources
        + ", readinessPath="
        + readinessPath
        + ", livenessPath="
        + livenessPath
        + ", connection="
        + connection
        + ", connectAs="
        + connectAs
        + ", runAsUser="
        + runAsUser
        + ", runAsGroup="
        + runAsGroup
        + "]";
  }

  /** Builds an {@link App}. */
  public static final class Builder {
    private String image;
    private int port = 8080;
    private int replicas = 2;
    private Resources resources = Resources.requests("100m", "128Mi").withLimits(null, "256Mi");
    private @Nullable String readinessPath;
    private @Nullable String livenessPath;
    private Connection connection = Connection.URI;
    private @Nullable String connectAs;
    private long runAsUser = DEFAULT_RUN_AS;
    private long runAsGroup = DEFAULT_RUN_AS;

    private Builder(String image) {
      this.image = image;
    }

    /** The image, such as an environment's own tag. */
    public Builder image(String image) {
      this.image =
          Objects.requireNonNull(
              image,
              "App.Builder.image(image): image is null; pass the container image, such as ghcr.io/acme/orders:1.4.2");
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
      this.resources =
          Objects.requireNonNull(
              resources,
              "App.Builder.resources(resources): resources is null; "
                  + "pass Resources.requests(cpu, memory), or leave it for the default");
      return this;
    }

    public Builder readinessPath(String path) {
      this.readinessPath =
          Objects.requireNonNull(
              path,
              "App.Builder.readinessPath(path): path is null; pass an HTTP path such as /ready, or leave it for no probe");
      return this;
    }

    public Builder livenessPath(String path) {
      this.livenessPath =
          Objects.requireNonNull(
              path,
              "App.Builder.livenessPath(path): path is null; pass an HTTP path such as /healthz, or leave it for no probe");
      return this;
    }

    public Builder connection(Connection connection) {
      this.connection =
          Objects.requireNonNull(
              connection,
              "App.Builder.connection(connection): connection is null; pass App.Connection.URI, PARTS or POOLER");
      return this;
    }

    /**
     * Connects as the managed role {@code role} of the service's database, a login with a password
     * Secret, instead of its owner: {@code PGUSER} and {@code PGPASSWORD} come from that Secret.
     * Needs {@link Connection#PARTS} or {@link Connection#POOLER} (CloudNativePG's {@code uri} is
     * the owner's), and the migrations' grants to the role ({@code GRANT SELECT, INSERT, UPDATE,
     * DELETE ON ALL TABLES IN SCHEMA public TO orders_app}, and {@code ALTER DEFAULT PRIVILEGES}
     * for the tables to come).
     */
    public Builder connectAs(String role) {
      this.connectAs =
          Objects.requireNonNull(
              role,
              "App.Builder.connectAs(role): role is null; pass a managed role's name, such as \"orders_app\"");
      return this;
    }

    /** Connects as the database's owner, as without {@link #connectAs}: for an environment. */
    public Builder connectAsOwner() {
      this.connectAs = null;
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
      return new App(this);
    }
  }
}
