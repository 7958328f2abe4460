package dev.kit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A service's PostgreSQL database: what the service needs from it (its name and owner, {@code
 * bootstrap}; its PostgreSQL major) and where it runs, {@link #host()}. By default a CloudNativePG
 * {@code Cluster}, which the other options configure; only what is set here is written, CNPG's own
 * defaults apply to the rest. A database kit does not run takes none of them: {@code
 * db.bootstrap("orders", "orders_owner").existing(e -> e.secret("orders-db")
 * .host("orders.db.acme.internal"))}.
 *
 * <pre>{@code
 * Database db = Database.builder()
 *     .instances(3)
 *     .postgresMajor(17)
 *     .storage("20Gi", "standard")
 *     .walStorage("5Gi")
 *     .resources(Resources.requests("500m", "1Gi").withLimits(null, "2Gi"))
 *     .parameter("max_connections", "200")
 *     .bootstrap("orders", "orders")
 *     .antiAffinity("topology.kubernetes.io/zone")
 *     .build();
 * }</pre>
 */
public final class Database {
  private final Optional<String> clusterName;
  private final int instances;
  private final int postgresMajor;
  private final Optional<String> imageName;
  private final Optional<Storage> storage;
  private final Optional<Storage> walStorage;
  private final Optional<Resources> resources;
  private final Map<String, String> parameters;
  private final Optional<Bootstrap> bootstrap;
  private final boolean superuserAccess;
  private final Optional<String> antiAffinityTopologyKey;
  private final boolean requiredAntiAffinity;
  private final Optional<Boolean> podDisruptionBudget;
  private final Optional<PrimaryUpdateStrategy> primaryUpdateStrategy;
  private final Optional<PrimaryUpdateMethod> primaryUpdateMethod;
  private final Optional<Backups> backups;
  private final Optional<Restore> restore;
  private final Optional<Pooler> pooler;
  private final List<String> extensions;
  private final List<String> schemas;
  private final List<Role> roles;
  private final DatabaseHost host;

  private Database(
      Optional<String> clusterName,
      int instances,
      int postgresMajor,
      Optional<String> imageName,
      Optional<Storage> storage,
      Optional<Storage> walStorage,
      Optional<Resources> resources,
      Map<String, String> parameters,
      Optional<Bootstrap> bootstrap,
      boolean superuserAccess,
      Optional<String> antiAffinityTopologyKey,
      boolean requiredAntiAffinity,
      Optional<Boolean> podDisruptionBudget,
      Optional<PrimaryUpdateStrategy> primaryUpdateStrategy,
      Optional<PrimaryUpdateMethod> primaryUpdateMethod,
      Optional<Backups> backups,
      Optional<Restore> restore,
      Optional<Pooler> pooler,
      List<String> extensions,
      List<String> schemas,
      List<Role> roles,
      DatabaseHost host) {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(imageName, "imageName");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(walStorage, "walStorage");
    Objects.requireNonNull(resources, "resources");
    parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    Objects.requireNonNull(bootstrap, "bootstrap");
    Objects.requireNonNull(antiAffinityTopologyKey, "antiAffinityTopologyKey");
    Objects.requireNonNull(podDisruptionBudget, "podDisruptionBudget");
    Objects.requireNonNull(primaryUpdateStrategy, "primaryUpdateStrategy");
    Objects.requireNonNull(primaryUpdateMethod, "primaryUpdateMethod");
    Objects.requireNonNull(backups, "backups");
    Objects.requireNonNull(restore, "restore");
    Objects.requireNonNull(pooler, "pooler");
    extensions = List.copyOf(new TreeSet<>(extensions));
    schemas = List.copyOf(new TreeSet<>(schemas));
    roles = List.copyOf(roles);
    Objects.requireNonNull(host, "host");
    this.clusterName = clusterName;
    this.instances = instances;
    this.postgresMajor = postgresMajor;
    this.imageName = imageName;
    this.storage = storage;
    this.walStorage = walStorage;
    this.resources = resources;
    this.parameters = parameters;
    this.bootstrap = bootstrap;
    this.superuserAccess = superuserAccess;
    this.antiAffinityTopologyKey = antiAffinityTopologyKey;
    this.requiredAntiAffinity = requiredAntiAffinity;
    this.podDisruptionBudget = podDisruptionBudget;
    this.primaryUpdateStrategy = primaryUpdateStrategy;
    this.primaryUpdateMethod = primaryUpdateMethod;
    this.backups = backups;
    this.restore = restore;
    this.pooler = pooler;
    this.extensions = extensions;
    this.schemas = schemas;
    this.roles = roles;
    this.host = host;
  }

  /** The Cluster's name, or empty for {@code <service>-cluster}. */
  public Optional<String> clusterName() {
    return clusterName;
  }

  /** The number of PostgreSQL instances (primary plus replicas). */
  public int instances() {
    return instances;
  }

  /** The PostgreSQL major version; picks the pinned image when {@code imageName} is empty. */
  public int postgresMajor() {
    return postgresMajor;
  }

  /** An explicit operand image, whose tag must start with the major version. */
  public Optional<String> imageName() {
    return imageName;
  }

  /** The data volume; required for CloudNativePG, empty for a database kit does not run. */
  public Optional<Storage> storage() {
    return storage;
  }

  /** A separate WAL volume, or empty to keep WAL with the data. */
  public Optional<Storage> walStorage() {
    return walStorage;
  }

  /** Requests and limits of each instance, or empty for none. */
  public Optional<Resources> resources() {
    return resources;
  }

  /** {@code postgresql.parameters}, sorted by name. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /**
   * The application database and its owner: created in a new cluster, found in the backups by a
   * restore (required for {@link Restore#fromObjectStore}); empty for CNPG's {@code app}/{@code
   * app}, or for a restore from another service, that service's.
   */
  public Optional<Bootstrap> bootstrap() {
    return bootstrap;
  }

  /** Whether CNPG creates the {@code <cluster>-superuser} Secret (off unless asked). */
  public boolean superuserAccess() {
    return superuserAccess;
  }

  /** Spread instances across this node label, or empty for CNPG's default. */
  public Optional<String> antiAffinityTopologyKey() {
    return antiAffinityTopologyKey;
  }

  /**
   * Whether spreading is a hard scheduling rule ({@code required}) instead of {@code preferred}.
   */
  public boolean requiredAntiAffinity() {
    return requiredAntiAffinity;
  }

  /** Whether CNPG manages PodDisruptionBudgets, or empty for CNPG's default (on). */
  public Optional<Boolean> podDisruptionBudget() {
    return podDisruptionBudget;
  }

  /** Who restarts the primary on updates, or empty for CNPG's default (unsupervised). */
  public Optional<PrimaryUpdateStrategy> primaryUpdateStrategy() {
    return primaryUpdateStrategy;
  }

  /** How the primary is updated, or empty for CNPG's default (restart). */
  public Optional<PrimaryUpdateMethod> primaryUpdateMethod() {
    return primaryUpdateMethod;
  }

  /** Continuous backup to object storage, or empty for none. */
  public Optional<Backups> backups() {
    return backups;
  }

  /** Bootstrap by recovery from backups instead of an empty database, or empty. */
  public Optional<Restore> restore() {
    return restore;
  }

  /** PgBouncer in front of the cluster, or empty for none. */
  public Optional<Pooler> pooler() {
    return pooler;
  }

  /** The PostgreSQL extensions the service's migrations rely on, sorted, such as {@code vector}. */
  public List<String> extensions() {
    return extensions;
  }

  /** The schemas the service's migrations rely on, owned by the database's owner, sorted. */
  public List<String> schemas() {
    return schemas;
  }

  /**
   * The roles CloudNativePG manages beside the owner ({@code spec.managed.roles}), sorted by name.
   */
  public List<Role> roles() {
    return roles;
  }

  /**
   * Where the database runs: {@link DatabaseHost#CLOUDNATIVE_PG} (the default), or a database kit
   * does not run, such as an {@link ExistingDatabase}.
   */
  public DatabaseHost host() {
    return host;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Database that
        && clusterName.equals(that.clusterName)
        && instances == that.instances
        && postgresMajor == that.postgresMajor
        && imageName.equals(that.imageName)
        && storage.equals(that.storage)
        && walStorage.equals(that.walStorage)
        && resources.equals(that.resources)
        && parameters.equals(that.parameters)
        && bootstrap.equals(that.bootstrap)
        && superuserAccess == that.superuserAccess
        && antiAffinityTopologyKey.equals(that.antiAffinityTopologyKey)
        && requiredAntiAffinity == that.requiredAntiAffinity
        && podDisruptionBudget.equals(that.podDisruptionBudget)
        && primaryUpdateStrategy.equals(that.primaryUpdateStrategy)
        && primaryUpdateMethod.equals(that.primaryUpdateMethod)
        && backups.equals(that.backups)
        && restore.equals(that.restore)
        && pooler.equals(that.pooler)
        && extensions.equals(that.extensions)
        && schemas.equals(that.schemas)
        && roles.equals(that.roles)
        && host.equals(that.host);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        clusterName,
        instances,
        postgresMajor,
        imageName,
        storage,
        walStorage,
        resources,
        parameters,
        bootstrap,
        superuserAccess,
        antiAffinityTopologyKey,
        requiredAntiAffinity,
        podDisruptionBudget,
        primaryUpdateStrategy,
        primaryUpdateMethod,
        backups,
        restore,
        pooler,
        extensions,
        schemas,
        roles,
        host);
  }

  @Override
  public String toString() {
    return "Database[clusterName="
        + clusterName
        + ", instances="
        + instances
        + ", postgresMajor="
        + postgresMajor
        + ", imageName="
        + imageName
        + ", storage="
        + storage
        + ", walStorage="
        + walStorage
        + ", resources="
        + resources
        + ", parameters="
        + parameters
        + ", bootstrap="
        + bootstrap
        + ", superuserAccess="
        + superuserAccess
        + ", antiAffinityTopologyKey="
        + antiAffinityTopologyKey
        + ", requiredAntiAffinity="
        + requiredAntiAffinity
        + ", podDisruptionBudget="
        + podDisruptionBudget
        + ", primaryUpdateStrategy="
        + primaryUpdateStrategy
        + ", primaryUpdateMethod="
        + primaryUpdateMethod
        + ", backups="
        + backups
        + ", restore="
        + restore
        + ", pooler="
        + pooler
        + ", extensions="
        + extensions
        + ", schemas="
        + schemas
        + ", roles="
        + roles
        + ", host="
        + host
        + "]";
  }

  /** Who restarts the primary during updates: CNPG itself, or a person (after a switchover). */
  public enum PrimaryUpdateStrategy {
    UNSUPERVISED("unsupervised"),
    SUPERVISED("supervised");

    private final String value;

    PrimaryUpdateStrategy(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /**
   * How CNPG updates the primary: restart it in place, or switch over to an updated replica first.
   */
  public enum PrimaryUpdateMethod {
    RESTART("restart"),
    SWITCHOVER("switchover");

    private final String value;

    PrimaryUpdateMethod(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /** The major version used when none is given. */
  public static final int DEFAULT_POSTGRES_MAJOR = 17;

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this database's settings, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.clusterName = clusterName.orElse(null);
    builder.instances = instances;
    builder.postgresMajor = postgresMajor;
    builder.imageName = imageName.orElse(null);
    builder.storage = storage.orElse(null);
    builder.walStorage = walStorage.orElse(null);
    builder.resources = resources.orElse(null);
    builder.parameters.putAll(parameters);
    builder.bootstrap = bootstrap.orElse(null);
    builder.superuserAccess = superuserAccess;
    builder.antiAffinityTopologyKey = antiAffinityTopologyKey.orElse(null);
    builder.requiredAntiAffinity = requiredAntiAffinity;
    builder.podDisruptionBudget = podDisruptionBudget.orElse(null);
    builder.primaryUpdateStrategy = primaryUpdateStrategy.orElse(null);
    builder.primaryUpdateMethod = primaryUpdateMethod.orElse(null);
    builder.backups = backups.orElse(null);
    builder.restore = restore.orElse(null);
    builder.pooler = pooler.orElse(null);
    builder.extensions.addAll(extensions);
    builder.schemas.addAll(schemas);
    for (Role role : roles) {
      builder.roles.put(role.name(), role);
    }
    builder.host = host;
    return builder;
  }

  /** Builds a {@link Database}; {@link #storage(String)} is required. */
  public static final class Builder {
    private @Nullable String clusterName;
    private int instances = 1;
    private int postgresMajor = DEFAULT_POSTGRES_MAJOR;
    private @Nullable String imageName;
    private @Nullable Storage storage;
    private @Nullable Storage walStorage;
    private @Nullable Resources resources;
    private final Map<String, String> parameters = new TreeMap<>();
    private @Nullable Bootstrap bootstrap;
    private boolean superuserAccess;
    private @Nullable String antiAffinityTopologyKey;
    private boolean requiredAntiAffinity;
    private @Nullable Boolean podDisruptionBudget;
    private @Nullable PrimaryUpdateStrategy primaryUpdateStrategy;
    private @Nullable PrimaryUpdateMethod primaryUpdateMethod;
    private @Nullable Backups backups;
    private @Nullable Restore restore;
    private @Nullable Pooler pooler;
    private final Set<String> extensions = new TreeSet<>();
    private final Set<String> schemas = new TreeSet<>();
    private final Map<String, Role> roles = new TreeMap<>();
    private DatabaseHost host = DatabaseHost.CLOUDNATIVE_PG;

    private Builder() {}

    public Builder clusterName(String clusterName) {
      this.clusterName =
          Objects.requireNonNull(
              clusterName,
              "clusterName(clusterName): clusterName is null; pass a name such as \"orders-db\", or leave it out for <service>-cluster");
      return this;
    }

    public Builder instances(int instances) {
      this.instances = instances;
      return this;
    }

    public Builder postgresMajor(int postgresMajor) {
      this.postgresMajor = postgresMajor;
      return this;
    }

    public Builder imageName(String imageName) {
      this.imageName =
          Objects.requireNonNull(
              imageName,
              "imageName(imageName): imageName is null; pass a CNPG operand image, or leave it out for the pinned image of postgresMajor");
      return this;
    }

    public Builder storage(String size) {
      Objects.requireNonNull(size, "storage(size): size is null; pass a quantity such as \"10Gi\"");
      this.storage = Storage.of(size);
      return this;
    }

    public Builder storage(String size, String storageClass) {
      Objects.requireNonNull(
          size, "storage(size, storageClass): size is null; pass a quantity such as \"10Gi\"");
      Objects.requireNonNull(
          storageClass,
          "storage(size, storageClass): storageClass is null; pass a class name or use storage(size)");
      this.storage = Storage.of(size, storageClass);
      return this;
    }

    public Builder walStorage(String size) {
      Objects.requireNonNull(
          size, "walStorage(size): size is null; pass a quantity such as \"5Gi\"");
      this.walStorage = Storage.of(size);
      return this;
    }

    public Builder walStorage(String size, String storageClass) {
      Objects.requireNonNull(
          size, "walStorage(size, storageClass): size is null; pass a quantity such as \"5Gi\"");
      Objects.requireNonNull(
          storageClass,
          "walStorage(size, storageClass): storageClass is null; pass a class name or use walStorage(size)");
      this.walStorage = Storage.of(size, storageClass);
      return this;
    }

    public Builder resources(Resources resources) {
      this.resources =
          Objects.requireNonNull(
              resources,
              "resources(resources): resources is null; pass Resources.requests(cpu, memory), or leave it out for none");
      return this;
    }

    public Builder parameter(String name, String value) {
      parameters.put(
          Objects.requireNonNull(
              name,
              "parameter(name, value): name is null; pass a postgresql.conf name such as \"max_connections\""),
          Objects.requireNonNull(
              value,
              "parameter(name, value): value is null; pass the setting as a string, such as \"200\""));
      return this;
    }

    /**
     * The application database and its owner: what a new cluster creates, or what the backups of a
     * restore hold (see {@link Bootstrap}).
     */
    public Builder bootstrap(String database, String owner) {
      Objects.requireNonNull(
          database,
          "bootstrap(database, owner): database is null; pass the database's name, such as \"orders\"");
      Objects.requireNonNull(
          owner,
          "bootstrap(database, owner): owner is null; pass the owning role's name, such as \"orders\"");
      this.bootstrap = new Bootstrap(database, owner);
      return this;
    }

    public Builder superuserAccess(boolean superuserAccess) {
      this.superuserAccess = superuserAccess;
      return this;
    }

    public Builder antiAffinity(String topologyKey) {
      this.antiAffinityTopologyKey =
          Objects.requireNonNull(
              topologyKey,
              "antiAffinity(topologyKey): topologyKey is null; pass a node label such as \"topology.kubernetes.io/zone\"");
      return this;
    }

    /**
     * Spreads instances across {@code topologyKey} as a hard rule: pods stay pending rather than
     * share a domain.
     */
    public Builder requiredAntiAffinity(String topologyKey) {
      Objects.requireNonNull(
          topologyKey,
          "requiredAntiAffinity(topologyKey): topologyKey is null; pass a node label such as \"kubernetes.io/hostname\"");
      antiAffinity(topologyKey);
      this.requiredAntiAffinity = true;
      return this;
    }

    public Builder podDisruptionBudget(boolean enabled) {
      this.podDisruptionBudget = enabled;
      return this;
    }

    /**
     * Who restarts the primary during updates; {@code SUPERVISED} needs {@code instances(2)} or
     * more.
     */
    public Builder primaryUpdateStrategy(PrimaryUpdateStrategy strategy) {
      this.primaryUpdateStrategy =
          Objects.requireNonNull(
              strategy,
              "primaryUpdateStrategy(strategy): strategy is null; pass PrimaryUpdateStrategy.SUPERVISED or UNSUPERVISED");
      return this;
    }

    public Builder primaryUpdateMethod(PrimaryUpdateMethod method) {
      this.primaryUpdateMethod =
          Objects.requireNonNull(
              method,
              "primaryUpdateMethod(method): method is null; pass PrimaryUpdateMethod.RESTART or SWITCHOVER");
      return this;
    }

    public Builder backups(Backups backups) {
      this.backups =
          Objects.requireNonNull(
              backups,
              "backups(backups): backups is null; pass Backups.builder(destinationPath)...build(), or leave it out for none");
      return this;
    }

    /**
     * Backups to {@code destinationPath}, customized: the backups already set with that path (so an
     * environment's {@code in("dev", s -> s.database(db -> db.backups("s3://dev/orders/", b ->
     * b)))} keeps the service's endpoint, credentials and schedule), or new ones. To start over in
     * an environment, call {@code withoutBackups()} first.
     */
    public Builder backups(
        String destinationPath, java.util.function.UnaryOperator<Backups.Builder> customizer) {
      Objects.requireNonNull(
          destinationPath,
          "backups(destinationPath, customizer): destinationPath is null; pass an s3:// path such as \"s3://acme-backups/orders/\"");
      Objects.requireNonNull(
          customizer,
          "backups(destinationPath, customizer): customizer is null; pass b -> b.credentials(...)");
      Backups.Builder start =
          backups == null
              ? Backups.builder(destinationPath)
              : backups.toBuilder().destinationPath(destinationPath);
      return backups(
          Objects.requireNonNull(
                  customizer.apply(start),
                  "backups(\""
                      + destinationPath
                      + "\", customizer): customizer returned null; return the builder it is given, such as b -> b.credentials(...)")
              .build());
    }

    /**
     * Changes the backups already set, such as an environment's retention: {@code in("prod", s ->
     * s.database(db -> db.backups(b -> b.retentionPolicy("90d"))))}.
     */
    public Builder backups(java.util.function.UnaryOperator<Backups.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "backups(customizer): customizer is null; pass b -> b.retentionPolicy(\"30d\")");
      if (backups == null) {
        throw new IllegalStateException(
            "backups(customizer): no backups to change; use backups(destinationPath, customizer) to add them");
      }
      return backups(
          Objects.requireNonNull(
                  customizer.apply(backups.toBuilder()),
                  "backups(customizer): customizer returned null; return the builder it is given, such as b -> b.retentionPolicy(\"30d\")")
              .build());
    }

    /**
     * No backups: for an environment's override, such as {@code in("dev", s -> s.database(d ->
     * d.withoutBackups()))} when only the service's other environments keep them.
     */
    public Builder withoutBackups() {
      this.backups = null;
      return this;
    }

    public Builder restore(Restore restore) {
      this.restore =
          Objects.requireNonNull(
              restore,
              "restore(restore): restore is null; pass Restore.fromService(...) or Restore.fromObjectStore(...)");
      return this;
    }

    public Builder pooler(Pooler pooler) {
      this.pooler =
          Objects.requireNonNull(
              pooler,
              "pooler(pooler): pooler is null; pass Pooler.builder()...build(), or leave it out for none");
      return this;
    }

    /** No pooler: for an environment's override, when only the other environments keep one. */
    public Builder withoutPooler() {
      this.pooler = null;
      return this;
    }

    /**
     * Customizes the pooler: the one already set (an environment's instances keep the service's
     * pool mode), or a new one.
     */
    public Builder pooler(java.util.function.UnaryOperator<Pooler.Builder> customizer) {
      Objects.requireNonNull(
          customizer, "pooler(customizer): customizer is null; pass p -> p.instances(2)");
      return pooler(
          Objects.requireNonNull(
                  customizer.apply(pooler == null ? Pooler.builder() : pooler.toBuilder()),
                  "pooler(customizer): customizer returned null; return the builder it is given, such as p -> p.instances(2)")
              .build());
    }

    /**
     * An extension the migrations rely on, such as {@code "vector"}: present in the database before
     * they run.
     */
    public Builder extension(String name) {
      extensions.add(
          Objects.requireNonNull(
              name,
              "extension(name): name is null; pass the extension's name, such as \"vector\""));
      return this;
    }

    /**
     * A schema the migrations rely on, such as {@code "reporting"}: present, owned by the
     * database's owner, before they run.
     */
    public Builder schema(String name) {
      schemas.add(
          Objects.requireNonNull(
              name, "schema(name): name is null; pass the schema's name, such as \"reporting\""));
      return this;
    }

    /**
     * A role CloudNativePG keeps in the cluster ({@code spec.managed.roles}), such as one the
     * migrations grant to: {@code role("readers", r -> r)} for a group role, {@code
     * role("reporting", r -> r.login().passwordSecret("orders-reporting").inRole("readers"))} for a
     * login. Customizes the role of that name already set (an environment's {@code in("prod", s ->
     * s.database(db -> db.role("reporting", r -> r.connectionLimit(20))))} keeps the service's
     * settings), or a new one.
     */
    public Builder role(String name, java.util.function.UnaryOperator<Role.Builder> customizer) {
      Objects.requireNonNull(
          name,
          "role(name, customizer): name is null; pass the role's name, such as \"reporting\"");
      Objects.requireNonNull(
          customizer, "role(name, customizer): customizer is null; pass r -> r.login()");
      Role existing = roles.get(name);
      Role.Builder start =
          existing == null || existing.absent() ? Role.builder(name) : existing.toBuilder();
      return role(
          Objects.requireNonNull(
                  customizer.apply(start),
                  "role(\""
                      + name
                      + "\", customizer): customizer returned null; return the builder it is given, such as r -> r.login()")
              .build());
    }

    /** A role CloudNativePG keeps in the cluster, replacing any of the same name. */
    public Builder role(Role role) {
      Objects.requireNonNull(role, "role(role): role is null; pass Role.builder(name)...build()");
      roles.put(role.name(), role);
      return this;
    }

    /**
     * A role CloudNativePG drops from the cluster ({@code ensure: absent}). Removing a role from
     * the description instead leaves it in the database, no longer managed.
     */
    public Builder dropRole(String name) {
      Objects.requireNonNull(
          name, "dropRole(name): name is null; pass the role's name, such as \"legacy_etl\"");
      return role(Role.absent(name));
    }

    /**
     * No role {@code name} in the description: for an environment's override. CloudNativePG stops
     * managing a role it managed and leaves it in the database; {@link #dropRole} removes it.
     */
    public Builder withoutRole(String name) {
      roles.remove(
          Objects.requireNonNull(
              name,
              "withoutRole(name): name is null; pass the role's name, such as \"reporting\""));
      return this;
    }

    /** Where the database runs; {@link DatabaseHost#CLOUDNATIVE_PG} unless set. */
    public Builder host(DatabaseHost host) {
      this.host =
          Objects.requireNonNull(
              host,
              "host(host): host is null; pass DatabaseHost.CLOUDNATIVE_PG or use existing(...)");
      return this;
    }

    /**
     * A PostgreSQL that kit does not run, reached through a Secret the team provides (see {@link
     * ExistingDatabase}): a new one, or the one already set (so an environment's override names
     * only what differs there, such as {@code in("prod", p -> p.database(db -> db.existing(e ->
     * e.host("orders.db.acme.internal"))))}).
     */
    public Builder existing(java.util.function.UnaryOperator<ExistingDatabase.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "existing(customizer): customizer is null; pass e -> e.secret(\"orders-db\").host(\"orders.db.acme.internal\")");
      return host(
          Objects.requireNonNull(
                  customizer.apply(
                      host instanceof ExistingDatabase existing
                          ? existing.toBuilder()
                          : ExistingDatabase.builder()),
                  "existing(customizer): customizer returned null; return the builder it is given, such as e -> e.secret(\"orders-db\")")
              .build());
    }

    /**
     * A branch on PlanetScale Postgres, the recommended host: kit writes its OpenTofu module and
     * the Workspace that applies it (see {@link PlanetScale}). A new one, or the one already set
     * (so an environment's override names only what differs there, such as {@code in("dev", d ->
     * d.database(db -> db.planetScale(ps -> ps.branch("dev")
     * .parentBranch("main").production(false))))}).
     */
    public Builder planetScale(java.util.function.UnaryOperator<PlanetScale.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "planetScale(customizer): customizer is null; pass ps -> ps.organization(\"acme\").database(\"shop\")");
      return host(
          Objects.requireNonNull(
                  customizer.apply(
                      host instanceof PlanetScale branch
                          ? branch.toBuilder()
                          : PlanetScale.builder()),
                  "planetScale(customizer): customizer returned null; return the builder it is given, such as ps -> ps.organization(\"acme\")")
              .build());
    }

    public Database build() {
      if (storage == null && host instanceof DatabaseHost.CloudNativePg) {
        throw new IllegalStateException(
            "Database.builder(): call storage(\"10Gi\") (or another size) before build()");
      }
      return new Database(
          Optional.ofNullable(clusterName),
          instances,
          postgresMajor,
          Optional.ofNullable(imageName),
          Optional.ofNullable(storage),
          Optional.ofNullable(walStorage),
          Optional.ofNullable(resources),
          parameters,
          Optional.ofNullable(bootstrap),
          superuserAccess,
          Optional.ofNullable(antiAffinityTopologyKey),
          requiredAntiAffinity,
          Optional.ofNullable(podDisruptionBudget),
          Optional.ofNullable(primaryUpdateStrategy),
          Optional.ofNullable(primaryUpdateMethod),
          Optional.ofNullable(backups),
          Optional.ofNullable(restore),
          Optional.ofNullable(pooler),
          List.copyOf(extensions),
          List.copyOf(schemas),
          List.copyOf(roles.values()),
          host);
    }
  }
}
