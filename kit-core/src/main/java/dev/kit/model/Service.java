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
    Optional<DeclarativeSchema> declarativeSchema) {

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

    /** Shorthand for {@code database(customizer.apply(Database.builder()).build())}. */
    public Builder database(UnaryOperator<Database.Builder> customizer) {
      return database(customizer.apply(Database.builder()).build());
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

    public Builder monitoring(Monitoring monitoring) {
      this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
      return this;
    }

    /** Shorthand for {@code monitoring(customizer.apply(Monitoring.builder()).build())}. */
    public Builder monitoring(UnaryOperator<Monitoring.Builder> customizer) {
      return monitoring(customizer.apply(Monitoring.builder()).build());
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
      return new Service(name, namespace == null ? name : namespace, labels, database, migrations, patches,
          Optional.ofNullable(app), Optional.ofNullable(monitoring), Optional.ofNullable(declarativeSchema));
    }
  }
}
