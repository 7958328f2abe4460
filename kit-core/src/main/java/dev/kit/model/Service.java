package dev.kit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One service: its namespace, its CloudNativePG database and its Atlas migrations.
 *
 * <pre>{@code
 * Service orders = Service.builder("orders")
 *     .namespace("orders")
 *     .label("team", "checkout")
 *     .database(db -> db.instances(3).postgresMajor(17).storage("20Gi", "standard"))
 *     .migrations(m -> m.baseline("20250101120000"))
 *     .patch(Patch.set(Patch.Target.CLUSTER, "/spec/primaryUpdateStrategy", "supervised"))
 *     .build();
 * }</pre>
 *
 * @param name the service name: a DNS label that names its folder, objects and Application
 * @param namespace the Kubernetes namespace it runs in (default: its name)
 * @param labels extra labels put on every generated object, sorted by key
 * @param database its CloudNativePG cluster
 * @param migrations its Atlas migrations, or empty when it has none
 * @param patches changes to generated objects for fields the DSL does not model, in order
 * @param app the generated application Deployment and Service, or empty to keep your own manifests
 * @param monitoring the PodMonitor and alert rules, or empty for none
 * @param declarativeSchema a schema file the Atlas operator keeps the database in line with, instead of migrations
 * @param overrides the service as each environment that overrides a setting sees it, by environment name
 * @param onlyIn the environments the service exists in; empty for every one
 */
public record Service(
    String name,
    String namespace,
    Map<String, String> labels,
    Database database,
    Optional<Migrations> migrations,
    List<Patch> patches,
    Optional<App> app,
    Optional<Monitoring> monitoring,
    Optional<DeclarativeSchema> declarativeSchema,
    Map<String, Service> overrides,
    java.util.SortedSet<String> onlyIn) {

  public Service {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(migrations, "migrations");
    patches = List.copyOf(patches);
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(monitoring, "monitoring");
    Objects.requireNonNull(declarativeSchema, "declarativeSchema");
    overrides = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(overrides));
    onlyIn = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(onlyIn));
  }

  /** A service the same in every environment. */
  public Service(String name, String namespace, Map<String, String> labels, Database database,
      Optional<Migrations> migrations, List<Patch> patches, Optional<App> app, Optional<Monitoring> monitoring,
      Optional<DeclarativeSchema> declarativeSchema) {
    this(name, namespace, labels, database, migrations, patches, app, monitoring, declarativeSchema, Map.of(),
        java.util.Collections.emptySortedSet());
  }

  /** Whether the service exists in {@code environment}. */
  public boolean existsIn(String environment) {
    return onlyIn.isEmpty() || onlyIn.contains(environment);
  }

  /** The service as {@code environment} sees it: its override there, or itself. */
  public Service in(String environment) {
    return overrides.getOrDefault(environment, this);
  }

  /**
   * A builder holding this service's settings (not its environment overrides), to change some of them: what an
   * environment's override starts from.
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.namespace = namespace;
    b.labels.putAll(labels);
    b.database = database;
    b.migrations = migrations;
    b.patches.addAll(patches);
    b.app = app.orElse(null);
    b.monitoring = monitoring.orElse(null);
    b.declarativeSchema = declarativeSchema.orElse(null);
    return b;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The CNPG Cluster's name: the one set on the database, or {@code <service>-cluster}. */
  public String clusterName() {
    return database.clusterName().orElse(name + "-cluster");
  }

  /** The Barman Cloud {@code ObjectStore}'s name: the one set on the backups, or {@code <cluster>-backups}. */
  public String objectStoreName() {
    return database.backups().flatMap(Backups::objectStoreName).orElse(clusterName() + "-backups");
  }

  /** The name of the pooler of {@code type} ({@code rw} or {@code ro}): {@code <cluster>-pooler-<type>}. */
  public String poolerName(String type) {
    return clusterName() + "-pooler-" + type;
  }

  /** The Atlas migration Job's name, {@code <service>-migrate}. */
  public String migrationJobName() {
    return name + "-migrate";
  }

  /**
   * The name of the {@code part}-th migrations ConfigMap (1-based): {@code <service>-migrations},
   * then {@code <service>-migrations-2} and so on when the history is split.
   */
  public String migrationsConfigMapName(int part) {
    return part == 1 ? name + "-migrations" : name + "-migrations-" + part;
  }

  /**
   * Builds a {@link Service}. The database must be set; migrations default to
   * {@link Migrations#defaults()} (the {@code migrations/} folder beside the manifests).
   */
  public static final class Builder {
    private final String name;
    private String namespace;
    private final Map<String, String> labels = new TreeMap<>();
    private Database database;
    private Optional<Migrations> migrations = Optional.of(Migrations.defaults());
    private final List<Patch> patches = new ArrayList<>();
    private App app;
    private Monitoring monitoring;
    private DeclarativeSchema declarativeSchema;
    private final Map<String, UnaryOperator<Builder>> overrides = new TreeMap<>();
    private final java.util.SortedSet<String> onlyIn = new java.util.TreeSet<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "label key"), Objects.requireNonNull(value, "label value"));
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      labels.forEach(this::label);
      return this;
    }

    public Builder database(Database database) {
      this.database = Objects.requireNonNull(database, "database");
      return this;
    }

    /**
     * Customizes the database: a new one, or the one already set (so an environment's override changes only what it
     * names: {@code in("prod", p -> p.database(db -> db.instances(3)))}).
     */
    public Builder database(UnaryOperator<Database.Builder> customizer) {
      return database(customizer.apply(database == null ? Database.builder() : database.toBuilder()).build());
    }

    public Builder migrations(Migrations migrations) {
      this.migrations = Optional.of(Objects.requireNonNull(migrations, "migrations"));
      return this;
    }

    /** Shorthand for {@code migrations(customizer.apply(Migrations.builder()).build())}. */
    public Builder migrations(UnaryOperator<Migrations.Builder> customizer) {
      return migrations(customizer.apply(Migrations.builder()).build());
    }

    /** The service has no migrations: no ConfigMap, no Job, no {@code atlas.hcl}. */
    public Builder withoutMigrations() {
      this.migrations = Optional.empty();
      return this;
    }

    public Builder patch(Patch patch) {
      patches.add(Objects.requireNonNull(patch, "patch"));
      return this;
    }

    public Builder app(App app) {
      this.app = Objects.requireNonNull(app, "app");
      return this;
    }

    /** Shorthand for {@code app(customizer.apply(App.builder(image)).build())}. */
    public Builder app(String image, UnaryOperator<App.Builder> customizer) {
      return app(customizer.apply(App.builder(image)).build());
    }

    /** Changes the app already set, such as an environment's image tag or replicas. */
    public Builder app(UnaryOperator<App.Builder> customizer) {
      if (app == null) {
        throw new IllegalStateException("Service.builder(\"" + name + "\").app(customizer): no app to change; "
            + "use app(image, customizer) to add one");
      }
      return app(customizer.apply(app.toBuilder()).build());
    }

    public Builder monitoring(Monitoring monitoring) {
      this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
      return this;
    }

    /** Customizes the monitoring: new, or the one already set (an environment's thresholds). */
    public Builder monitoring(UnaryOperator<Monitoring.Builder> customizer) {
      return monitoring(customizer.apply(monitoring == null ? Monitoring.builder() : monitoring.toBuilder()).build());
    }

    /**
     * What differs in {@code environment}: {@code override} changes this service's builder there (database sizing,
     * backups, pooler, app, monitoring, patches, labels); the migrations must stay the same everywhere.
     */
    public Builder in(String environment, UnaryOperator<Builder> override) {
      Objects.requireNonNull(environment, "in(environment, override): environment is null; pass an environment's name");
      Objects.requireNonNull(override, "in(environment, override): override is null; pass p -> p.database(...)");
      overrides.merge(environment, override, (first, then) -> b -> then.apply(first.apply(b)));
      return this;
    }

    /** The service exists only in these environments (such as a tool only in {@code dev}). */
    public Builder onlyIn(String... environments) {
      for (String environment : environments) {
        onlyIn.add(Objects.requireNonNull(environment, "onlyIn(environments): an environment is null; pass names"));
      }
      return this;
    }

    /**
     * Manages the schema declaratively with the Atlas operator's {@code AtlasSchema} from {@code schema}
     * (a SQL file in the service folder); the service then has no versioned migrations.
     */
    public Builder declarativeSchema(DeclarativeSchema schema) {
      this.declarativeSchema = Objects.requireNonNull(schema, "declarativeSchema");
      this.migrations = Optional.empty();
      return this;
    }

    public Service build() {
      if (database == null) {
        throw new IllegalStateException(
            "Service.builder(\"" + name + "\"): call database(...) before build(), e.g. database(db -> db.storage(\"10Gi\"))");
      }
      Service base = new Service(name, namespace == null ? name : namespace, labels, database, migrations, patches,
          Optional.ofNullable(app), Optional.ofNullable(monitoring), Optional.ofNullable(declarativeSchema));
      if (overrides.isEmpty() && onlyIn.isEmpty()) {
        return base;
      }
      Map<String, Service> inEnvironments = new TreeMap<>();
      overrides.forEach((environment, override) -> {
        Builder changed = override.apply(base.toBuilder());
        if (!changed.overrides.isEmpty() || !changed.onlyIn.isEmpty()) {
          throw new IllegalStateException("Service.builder(\"" + name + "\").in(\"" + environment
              + "\", ...): an override cannot call in(...) or onlyIn(...); call them on the service itself");
        }
        inEnvironments.put(environment, changed.build());
      });
      return new Service(base.name(), base.namespace(), base.labels(), base.database(), base.migrations(), base.patches(),
          base.app(), base.monitoring(), base.declarativeSchema(), inEnvironments, onlyIn);
    }
  }
}
