package dev.kit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

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
  private final Map<String, Service> overrides;
  private final SortedSet<String> onlyIn;

  private Service(
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
      SortedSet<String> onlyIn) {
    this.name = name;
    this.namespace = namespace;
    this.labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    this.database = database;
    this.migrations = migrations;
    this.patches = List.copyOf(patches);
    this.app = app;
    this.monitoring = monitoring;
    this.declarativeSchema = declarativeSchema;
    this.overrides = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(overrides));
    this.onlyIn = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(onlyIn));
  }

  public static Builder builder(String name) {
    return new Builder(
        Objects.requireNonNull(
            name,
            "Service.builder(name): name is null; pass the service name, a DNS label such as orders"));
  }

  /**
   * A builder holding this service's settings, to change some of them; not its environment
   * overrides and {@link #onlyIn()}: what an environment's override starts from.
   */
  public Builder toBuilder() {
    Builder builder = new Builder(name).namespace(namespace).labels(labels).database(database);
    builder.migrations = migrations;
    builder.patches.addAll(patches);
    builder.app = app.orElse(null);
    builder.monitoring = monitoring.orElse(null);
    builder.declarativeSchema = declarativeSchema.orElse(null);
    return builder;
  }

  /** Whether the service exists in {@code environment}. */
  public boolean existsIn(String environment) {
    return onlyIn.isEmpty() || onlyIn.contains(environment);
  }

  /** The service as {@code environment} sees it: its override there, or itself. */
  public Service in(String environment) {
    Objects.requireNonNull(
        environment,
        "Service.in(environment): environment is null; pass an environment's name such as \"prod\"");
    return overrides.getOrDefault(environment, this);
  }

  /** The CNPG Cluster's name: the one set on the database, or {@code <service>-cluster}. */
  public String clusterName() {
    return database.clusterName().orElse(name + "-cluster");
  }

  /**
   * The Barman Cloud {@code ObjectStore}'s name: the one set on the backups, or {@code
   * <cluster>-backups}.
   */
  public String objectStoreName() {
    Optional<Backups> backups = database.backups(); // no lambda: asked in every service's render
    Optional<String> named =
        backups.isPresent() ? backups.get().objectStoreName() : Optional.empty();
    return named.orElse(clusterName() + "-backups");
  }

  /**
   * The name of the pooler of {@code type} ({@code rw} or {@code ro}): {@code
   * <cluster>-pooler-<type>}.
   */
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

  /** The service as each environment that overrides a setting sees it, by environment name. */
  public Map<String, Service> overrides() {
    return overrides;
  }

  /** The environments the service exists in; empty for every one. */
  public SortedSet<String> onlyIn() {
    return onlyIn;
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
        && declarativeSchema.equals(that.declarativeSchema)
        && overrides.equals(that.overrides)
        && onlyIn.equals(that.onlyIn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        namespace,
        labels,
        database,
        migrations,
        patches,
        app,
        monitoring,
        declarativeSchema,
        overrides,
        onlyIn);
  }

  @Override
  public String toString() {
    return "Service[name="
        + name
        + ", namespace="
        + namespace
        + ", labels="
        + labels
        + ", database="
        + database
        + ", migrations="
        + migrations
        + ", patches="
        + patches
        + ", app="
        + app
        + ", monitoring="
        + monitoring
        + ", declarativeSchema="
        + declarativeSchema
        + ", overrides="
        + overrides
        + ", onlyIn="
        + onlyIn
        + "]";
  }

  /**
   * Builds a {@link Service}. The database must be set; migrations default to {@link
   * Migrations#defaults()} (the {@code migrations/} folder beside the manifests).
   */
  public static final class Builder {
    private final String name;
    private @Nullable String namespace;
    private final Map<String, String> labels = new TreeMap<>();
    private @Nullable Database database;
    private Optional<Migrations> migrations = Optional.of(Migrations.defaults());
    private final List<Patch> patches = new ArrayList<>();
    private @Nullable App app;
    private @Nullable Monitoring monitoring;
    private @Nullable DeclarativeSchema declarativeSchema;
    private final Map<String, UnaryOperator<Builder>> overrides = new TreeMap<>();
    private final SortedSet<String> onlyIn = new TreeSet<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder namespace(String namespace) {
      this.namespace =
          Objects.requireNonNull(
              namespace,
              "Service.Builder.namespace(namespace): namespace is null; "
                  + "pass a Kubernetes namespace, or leave it for the service name");
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(
          Objects.requireNonNull(
              key,
              "Service.Builder.label(key, value): key is null; pass a label name such as team"),
          Objects.requireNonNull(
              value,
              "Service.Builder.label(key, value): value is null; pass the label value, such as checkout"));
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      Objects.requireNonNull(
          labels,
          "Service.Builder.labels(labels): labels is null; pass a map of label names to values, or Map.of()");
      labels.forEach(this::label);
      return this;
    }

    public Builder database(Database database) {
      this.database =
          Objects.requireNonNull(
              database,
              "Service.Builder.database(database): database is null; "
                  + "pass Database.builder().storage(\"10Gi\").build(), or use database(db -> db.storage(\"10Gi\"))");
      return this;
    }

    /**
     * Customizes the database: a new one, or the one already set (so an environment's override
     * changes only what it names: {@code in("prod", p -> p.database(db -> db.instances(3)))}).
     */
    public Builder database(UnaryOperator<Database.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "Service.Builder.database(customizer): customizer is null; "
              + "pass a function such as db -> db.storage(\"10Gi\")");
      return database(
          Objects.requireNonNull(
                  customizer.apply(database == null ? Database.builder() : database.toBuilder()),
                  "Service.builder(\""
                      + name
                      + "\").database(customizer): customizer returned null; return the builder it is given, such as db -> db.storage(\"10Gi\")")
              .build());
    }

    public Builder migrations(Migrations migrations) {
      this.migrations =
          Optional.of(
              Objects.requireNonNull(
                  migrations,
                  "Service.Builder.migrations(migrations): migrations is null; "
                      + "pass Migrations.builder()...build(), or call withoutMigrations()"));
      return this;
    }

    /**
     * Customizes the migrations: the ones already set (the defaults unless changed), or new ones
     * after {@code withoutMigrations()}.
     */
    public Builder migrations(UnaryOperator<Migrations.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "Service.Builder.migrations(customizer): customizer is null; "
              + "pass a function such as m -> m.baseline(\"20250101120000\")");
      return migrations(
          Objects.requireNonNull(
                  customizer.apply(
                      migrations.isPresent() ? migrations.get().toBuilder() : Migrations.builder()),
                  "Service.builder(\""
                      + name
                      + "\").migrations(customizer): customizer returned null; return the builder it is given, such as m -> m.baseline(\"20250101120000\")")
              .build());
    }

    /** The service has no migrations: no ConfigMap, no Job, no {@code atlas.hcl}. */
    public Builder withoutMigrations() {
      this.migrations = Optional.empty();
      return this;
    }

    public Builder patch(Patch patch) {
      patches.add(
          Objects.requireNonNull(
              patch,
              "Service.Builder.patch(patch): patch is null; "
                  + "pass Patch.set(target, path, value), Patch.replace(...) or Patch.remove(...)"));
      return this;
    }

    public Builder app(App app) {
      this.app =
          Objects.requireNonNull(
              app,
              "Service.Builder.app(app): app is null; "
                  + "pass App.builder(image)...build(), or leave it out to keep your own manifests");
      return this;
    }

    /**
     * No generated app: for an environment's override, where the service's own manifests (in that
     * environment's {@code envs/<env>/manifests/app/}) run it instead.
     */
    public Builder withoutApp() {
      this.app = null;
      return this;
    }

    /** Shorthand for {@code app(customizer.apply(App.builder(image)).build())}. */
    public Builder app(String image, UnaryOperator<App.Builder> customizer) {
      Objects.requireNonNull(
          image,
          "Service.Builder.app(image, customizer): image is null; "
              + "pass the container image, such as ghcr.io/acme/orders:1.4.2");
      Objects.requireNonNull(
          customizer,
          "Service.Builder.app(image, customizer): customizer is null; "
              + "pass a function such as a -> a.port(8080), or UnaryOperator.identity()");
      return app(
          Objects.requireNonNull(
                  customizer.apply(App.builder(image)),
                  "Service.builder(\""
                      + name
                      + "\").app(image, customizer): customizer returned null; return the builder it is given, such as a -> a.port(8080)")
              .build());
    }

    /** Changes the app already set, such as an environment's image tag or replicas. */
    public Builder app(UnaryOperator<App.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "Service.Builder.app(customizer): customizer is null; pass a function such as a -> a.replicas(4)");
      if (app == null) {
        throw new IllegalStateException(
            "Service.builder(\""
                + name
                + "\").app(customizer): no app to change; "
                + "use app(image, customizer) to add one");
      }
      return app(
          Objects.requireNonNull(
                  customizer.apply(app.toBuilder()),
                  "Service.builder(\""
                      + name
                      + "\").app(customizer): customizer returned null; return the builder it is given, such as a -> a.replicas(4)")
              .build());
    }

    public Builder monitoring(Monitoring monitoring) {
      this.monitoring =
          Objects.requireNonNull(
              monitoring,
              "Service.Builder.monitoring(monitoring): monitoring is null; "
                  + "pass Monitoring.defaults() or Monitoring.builder()...build(), or leave it out for none");
      return this;
    }

    /** No monitoring: for an environment's override, such as dev without alerts. */
    public Builder withoutMonitoring() {
      this.monitoring = null;
      return this;
    }

    /** Customizes the monitoring: new, or the one already set (an environment's thresholds). */
    public Builder monitoring(UnaryOperator<Monitoring.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "Service.Builder.monitoring(customizer): customizer is null; "
              + "pass a function such as m -> m.selectorLabel(\"release\", \"prometheus\")");
      return monitoring(
          Objects.requireNonNull(
                  customizer.apply(
                      monitoring == null ? Monitoring.builder() : monitoring.toBuilder()),
                  "Service.builder(\""
                      + name
                      + "\").monitoring(customizer): customizer returned null; return the builder it is given, such as m -> m.selectorLabel(\"release\", \"prometheus\")")
              .build());
    }

    /**
     * What differs in {@code environment}: {@code override} changes this service's builder there
     * (database sizing, backups, pooler, app, monitoring, patches, labels); the migrations must
     * stay the same everywhere.
     */
    public Builder in(String environment, UnaryOperator<Builder> override) {
      Objects.requireNonNull(
          environment,
          "Service.Builder.in(environment, override): environment is null; "
              + "pass an environment's name such as \"prod\"");
      Objects.requireNonNull(
          override,
          "Service.Builder.in(environment, override): override is null; "
              + "pass a function such as p -> p.database(db -> db.instances(3))");
      overrides.merge(
          environment,
          override,
          (first, then) -> b -> then.apply(overridden(first.apply(b), name, environment)));
      return this;
    }

    /** The service exists only in these environments (such as a tool only in {@code dev}). */
    public Builder onlyIn(String... environments) {
      Objects.requireNonNull(
          environments,
          "Service.Builder.onlyIn(environments): environments is null; pass names such as \"dev\"");
      for (String environment : environments) {
        onlyIn.add(
            Objects.requireNonNull(
                environment,
                "Service.Builder.onlyIn(environments): an environment is null; pass names such as \"dev\""));
      }
      return this;
    }

    /**
     * Manages the schema declaratively with the Atlas operator's {@code AtlasSchema} from {@code
     * schema} (a SQL file in the service folder); the service then has no versioned migrations.
     */
    public Builder declarativeSchema(DeclarativeSchema schema) {
      this.declarativeSchema =
          Objects.requireNonNull(
              schema,
              "Service.Builder.declarativeSchema(schema): schema is null; pass DeclarativeSchema.of(\"schema.sql\")");
      this.migrations = Optional.empty();
      return this;
    }

    /** What an override of {@code environment} returned: the builder it was given, not null. */
    private static Builder overridden(@Nullable Builder changed, String name, String environment) {
      return Objects.requireNonNull(
          changed,
          "Service.builder(\""
              + name
              + "\").in(\""
              + environment
              + "\", override): override returned null; return the builder it is given, such as p -> p.database(db -> db.instances(3))");
    }

    public Service build() {
      if (database == null) {
        throw new IllegalStateException(
            "Service.builder(\""
                + name
                + "\"): call database(...) before build(), e.g. database(db -> db.storage(\"10Gi\"))");
      }
      Service base =
          new Service(
              name,
              namespace == null ? name : namespace,
              labels,
              database,
              migrations,
              patches,
              Optional.ofNullable(app),
              Optional.ofNullable(monitoring),
              Optional.ofNullable(declarativeSchema),
              Map.of(),
              new TreeSet<>());
      if (overrides.isEmpty() && onlyIn.isEmpty()) {
        return base;
      }
      Map<String, Service> inEnvironments = new TreeMap<>();
      overrides.forEach(
          (environment, override) -> {
            Builder changed;
            try {
              changed = overridden(override.apply(base.toBuilder()), name, environment);
            } catch (IllegalStateException e) {
              // Such as app(customizer) on a service without an app: say which override asked.
              throw new IllegalStateException(
                  "Service.builder(\""
                      + name
                      + "\").in(\""
                      + environment
                      + "\", ...): "
                      + e.getMessage(),
                  e);
            }
            if (!changed.overrides.isEmpty() || !changed.onlyIn.isEmpty()) {
              throw new IllegalStateException(
                  "Service.builder(\""
                      + name
                      + "\").in(\""
                      + environment
                      + "\", ...): an override cannot call in(...) or onlyIn(...); call them on the service itself");
            }
            inEnvironments.put(environment, changed.build());
          });
      return new Service(
          base.name,
          base.namespace,
          base.labels,
          base.database,
          base.migrations,
          base.patches,
          base.app,
          base.monitoring,
          base.declarativeSchema,
          inEnvironments,
          onlyIn);
    }
  }
}
