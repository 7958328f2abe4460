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
 */
public final class Service {

  private final String name;
  private final String namespace;
  private final Map<String, String> labels;
  private final Database database;
  private final Optional<Migrations> migrations;
  private final List<Patch> patches;
  private final Optional<App> app;
  private final Optional<Monitoring> monitoring;
  private final Optional<DeclarativeSchema> declarativeSchema;

  private Service(
      String name,
      String namespace,
      Map<String, String> labels,
      Database database,
      Optional<Migrations> migrations,
      List<Patch> patches,
      Optional<App> app,
      Optional<Monitoring> monitoring,
      Optional<DeclarativeSchema> declarativeSchema) {
    this.name = name;
    this.namespace = namespace;
    this.labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    this.database = database;
    this.migrations = migrations;
    this.patches = List.copyOf(patches);
    this.app = app;
    this.monitoring = monitoring;
    this.declarativeSchema = declarativeSchema;
  }

  public static Builder builder(String name) {
    return new Builder(Objects.requireNonNull(name,
        "Service.builder(name): name is null; pass the service name, a DNS label such as orders"));
  }

  /** A builder holding this service's settings, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder(name).namespace(namespace).labels(labels).database(database);
    builder.migrations = migrations;
    builder.patches.addAll(patches);
    builder.app = app.orElse(null);
    builder.monitoring = monitoring.orElse(null);
    builder.declarativeSchema = declarativeSchema.orElse(null);
    return builder;
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

  /** The service name: a DNS label that names its folder, objects and Application. */
  public String name() {
    return name;
  }

  /** The Kubernetes namespace it runs in (default: its name). */
  public String namespace() {
    return namespace;
  }

  /** Extra labels put on every generated object, sorted by key. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Its CloudNativePG cluster. */
  public Database database() {
    return database;
  }

  /** Its Atlas migrations, or empty when it has none. */
  public Optional<Migrations> migrations() {
    return migrations;
  }

  /** Changes to generated objects for fields the DSL does not model, in order. */
  public List<Patch> patches() {
    return patches;
  }

  /** The generated application Deployment and Service, or empty to keep your own manifests. */
  public Optional<App> app() {
    return app;
  }

  /** The PodMonitor and alert rules, or empty for none. */
  public Optional<Monitoring> monitoring() {
    return monitoring;
  }

  /** A schema file the Atlas operator keeps the database in line with, instead of migrations. */
  public Optional<DeclarativeSchema> declarativeSchema() {
    return declarativeSchema;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Service that
        && name.equals(that.name)
        && namespace.equals(that.namespace)
        && labels.equals(that.labels)
        && database.equals(that.database)
        && migrations.equals(that.migrations)
        && patches.equals(that.patches)
        && app.equals(that.app)
        && monitoring.equals(that.monitoring)
        && declarativeSchema.equals(that.declarativeSchema);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespace, labels, database, migrations, patches, app, monitoring, declarativeSchema);
  }

  @Override
  public String toString() {
    return "Service[name=" + name + ", namespace=" + namespace + ", labels=" + labels + ", database=" + database
        + ", migrations=" + migrations + ", patches=" + patches + ", app=" + app + ", monitoring=" + monitoring
        + ", declarativeSchema=" + declarativeSchema + "]";
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

    private Builder(String name) {
      this.name = name;
    }

    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace,
          "Service.Builder.namespace(namespace): namespace is null; "
              + "pass a Kubernetes namespace, or leave it for the service name");
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(
          Objects.requireNonNull(key, "Service.Builder.label(key, value): key is null; pass a label name such as team"),
          Objects.requireNonNull(value,
              "Service.Builder.label(key, value): value is null; pass the label value, such as checkout"));
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      Objects.requireNonNull(labels,
          "Service.Builder.labels(labels): labels is null; pass a map of label names to values, or Map.of()");
      labels.forEach(this::label);
      return this;
    }

    public Builder database(Database database) {
      this.database = Objects.requireNonNull(database,
          "Service.Builder.database(database): database is null; "
              + "pass Database.builder().storage(\"10Gi\").build(), or use database(db -> db.storage(\"10Gi\"))");
      return this;
    }

    /** Shorthand for {@code database(customizer.apply(Database.builder()).build())}. */
    public Builder database(UnaryOperator<Database.Builder> customizer) {
      Objects.requireNonNull(customizer,
          "Service.Builder.database(customizer): customizer is null; "
              + "pass a function such as db -> db.storage(\"10Gi\")");
      return database(customizer.apply(Database.builder()).build());
    }

    public Builder migrations(Migrations migrations) {
      this.migrations = Optional.of(Objects.requireNonNull(migrations,
          "Service.Builder.migrations(migrations): migrations is null; "
              + "pass Migrations.builder()...build(), or call withoutMigrations()"));
      return this;
    }

    /** Shorthand for {@code migrations(customizer.apply(Migrations.builder()).build())}. */
    public Builder migrations(UnaryOperator<Migrations.Builder> customizer) {
      Objects.requireNonNull(customizer,
          "Service.Builder.migrations(customizer): customizer is null; "
              + "pass a function such as m -> m.baseline(\"20250101120000\")");
      return migrations(customizer.apply(Migrations.builder()).build());
    }

    /** The service has no migrations: no ConfigMap, no Job, no {@code atlas.hcl}. */
    public Builder withoutMigrations() {
      this.migrations = Optional.empty();
      return this;
    }

    public Builder patch(Patch patch) {
      patches.add(Objects.requireNonNull(patch,
          "Service.Builder.patch(patch): patch is null; "
              + "pass Patch.set(target, path, value), Patch.replace(...) or Patch.remove(...)"));
      return this;
    }

    public Builder app(App app) {
      this.app = Objects.requireNonNull(app,
          "Service.Builder.app(app): app is null; "
              + "pass App.builder(image)...build(), or leave it out to keep your own manifests");
      return this;
    }

    /** Shorthand for {@code app(customizer.apply(App.builder(image)).build())}. */
    public Builder app(String image, UnaryOperator<App.Builder> customizer) {
      Objects.requireNonNull(image,
          "Service.Builder.app(image, customizer): image is null; "
              + "pass the container image, such as ghcr.io/acme/orders:1.4.2");
      Objects.requireNonNull(customizer,
          "Service.Builder.app(image, customizer): customizer is null; "
              + "pass a function such as a -> a.port(8080), or UnaryOperator.identity()");
      return app(customizer.apply(App.builder(image)).build());
    }

    public Builder monitoring(Monitoring monitoring) {
      this.monitoring = Objects.requireNonNull(monitoring,
          "Service.Builder.monitoring(monitoring): monitoring is null; "
              + "pass Monitoring.defaults() or Monitoring.builder()...build(), or leave it out for none");
      return this;
    }

    /** Shorthand for {@code monitoring(customizer.apply(Monitoring.builder()).build())}. */
    public Builder monitoring(UnaryOperator<Monitoring.Builder> customizer) {
      Objects.requireNonNull(customizer,
          "Service.Builder.monitoring(customizer): customizer is null; "
              + "pass a function such as m -> m.selectorLabel(\"release\", \"prometheus\")");
      return monitoring(customizer.apply(Monitoring.builder()).build());
    }

    /**
     * Manages the schema declaratively with the Atlas operator's {@code AtlasSchema} from {@code schema}
     * (a SQL file in the service folder); the service then has no versioned migrations.
     */
    public Builder declarativeSchema(DeclarativeSchema schema) {
      this.declarativeSchema = Objects.requireNonNull(schema,
          "Service.Builder.declarativeSchema(schema): schema is null; pass DeclarativeSchema.of(\"schema.sql\")");
      this.migrations = Optional.empty();
      return this;
    }

    public Service build() {
      if (database == null) {
        throw new IllegalStateException(
            "Service.builder(\"" + name + "\"): call database(...) before build(), e.g. database(db -> db.storage(\"10Gi\"))");
      }
      return new Service(name, namespace == null ? name : namespace, labels, database, migrations, patches,
          Optional.ofNullable(app), Optional.ofNullable(monitoring), Optional.ofNullable(declarativeSchema));
    }
  }
}
