package dev.kit.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A database branch on PlanetScale Postgres ({@code db.planetScale(ps -> ...)}), created and kept by PlanetScale's
 * Terraform provider
 * ({@code planetscale/planetscale}): the branch, a migrator role for the migration Job, an app role for the
 * application, and optionally a dedicated PgBouncer and a backup policy. Only what is set here is written; PlanetScale's
 * defaults apply to the rest.
 *
 * <pre>{@code
 * PlanetScale ps = PlanetScale.builder()
 *     .organization("acme").database("shop").branch("main")
 *     .clusterSize("PS_10_AWS_ARM").replicas(2)
 *     .parameter("max_connections", "200")
 *     .bouncer(b -> b.size("PGB_10"))
 *     .backupPolicy(p -> p.every(1, BackupPolicy.Unit.DAY).keep(30, BackupPolicy.Unit.DAY).at("02:00"))
 *     .build();
 * }</pre>
 *
 * @param organization the PlanetScale organization slug
 * @param database the PlanetScale database slug (created with the first branch when it does not exist)
 * @param branch the branch name
 * @param clusterSize the cluster size SKU, e.g. {@code PS_10_AWS_ARM}, or empty for PlanetScale's default
 * @param region the region slug, or empty for the database's default region
 * @param parentBranch the branch this one is created from, or empty for the database's default branch
 * @param replicas the number of replicas, or empty for PlanetScale's default
 * @param parameters parameter overrides by namespace ({@code pgconf}, {@code pgbouncer}, {@code patroni}), sorted
 * @param production whether this is a production branch: deletion protection and {@code prevent_destroy} (on unless
 *     switched off, since destroying the last branch deletes the database)
 * @param appRoles the roles the app role inherits (least privilege: read and write all data, no DDL)
 * @param bouncer a dedicated PgBouncer the app connects through, or empty for PlanetScale's default one on 6432
 * @param backupPolicy a backup policy for the database, or empty for PlanetScale's default
 * @param runner who applies the module: a Crossplane Workspace from Argo CD, or the team's own pipeline
 */
public record PlanetScale(
    String organization,
    String database,
    String branch,
    Optional<String> clusterSize,
    Optional<String> region,
    Optional<String> parentBranch,
    Optional<Integer> replicas,
    Map<String, Map<String, String>> parameters,
    boolean production,
    List<String> appRoles,
    Optional<Bouncer> bouncer,
    Optional<BackupPolicy> backupPolicy,
    Runner runner) implements DatabaseHost {

  /** The roles an app role inherits unless the description says otherwise: data, not schema. */
  public static final List<String> DEFAULT_APP_ROLES = List.of("pg_read_all_data", "pg_write_all_data");
  /** The namespace of PostgreSQL's own settings among the branch's parameters. */
  public static final String PGCONF = "pgconf";

  /** Who runs {@code tofu apply} on the generated module. */
  public enum Runner {
    /** A Crossplane provider-opentofu {@code Workspace}, synced by Argo CD before the migrations. */
    WORKSPACE,
    /**
     * Only the module: the team applies it in its own pipeline, and the module writes the connection Secret into the
     * service namespace itself ({@code kubernetes_secret_v1}).
     */
    MODULE_ONLY
  }

  public PlanetScale {
    Objects.requireNonNull(organization, "PlanetScale(organization)");
    Objects.requireNonNull(database, "PlanetScale(database)");
    Objects.requireNonNull(branch, "PlanetScale(branch)");
    Objects.requireNonNull(clusterSize, "PlanetScale(clusterSize)");
    Objects.requireNonNull(region, "PlanetScale(region)");
    Objects.requireNonNull(parentBranch, "PlanetScale(parentBranch)");
    Objects.requireNonNull(replicas, "PlanetScale(replicas)");
    TreeMap<String, Map<String, String>> copy = new TreeMap<>();
    parameters.forEach((namespace, values) -> copy.put(namespace, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
    parameters = Collections.unmodifiableSortedMap(copy);
    appRoles = List.copyOf(appRoles);
    Objects.requireNonNull(bouncer, "PlanetScale(bouncer)");
    Objects.requireNonNull(backupPolicy, "PlanetScale(backupPolicy)");
    Objects.requireNonNull(runner, "PlanetScale(runner)");
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A dedicated PgBouncer ({@code planetscale_postgres_bouncer}); clients reach it on port 6432 as
   * {@code <user>|<name>}.
   *
   * @param name the bouncer's name, at most 12 characters
   * @param size the bouncer size SKU, e.g. {@code PGB_10}, or empty for PlanetScale's default ({@code PGB_5})
   * @param replicasPerCell PgBouncer instances per availability zone, or empty for PlanetScale's default (1)
   * @param target where it routes: {@code primary} (the default), {@code replica} or {@code replica_az_affinity}
   * @param parameters PgBouncer parameter overrides ({@code pgbouncer} namespace), sorted
   */
  public record Bouncer(String name, Optional<String> size, Optional<Integer> replicasPerCell, String target, Map<String, String> parameters) {

    /** The targets the provider accepts. */
    public static final List<String> TARGETS = List.of("primary", "replica", "replica_az_affinity");

    public Bouncer {
      Objects.requireNonNull(name, "Bouncer(name)");
      Objects.requireNonNull(size, "Bouncer(size)");
      Objects.requireNonNull(replicasPerCell, "Bouncer(replicasPerCell)");
      Objects.requireNonNull(target, "Bouncer(target)");
      parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builds a {@link Bouncer}; the name defaults to {@code app}, the target to the primary. */
    public static final class Builder {
      private String name = "app";
      private String size;
      private Integer replicasPerCell;
      private String target = "primary";
      private final Map<String, String> parameters = new TreeMap<>();

      private Builder() {}

      public Builder name(String name) {
        this.name = Objects.requireNonNull(name, "Bouncer.Builder.name(name)");
        return this;
      }

      public Builder size(String size) {
        this.size = Objects.requireNonNull(size, "Bouncer.Builder.size(size)");
        return this;
      }

      public Builder replicasPerCell(int replicasPerCell) {
        this.replicasPerCell = replicasPerCell;
        return this;
      }

      public Builder target(String target) {
        this.target = Objects.requireNonNull(target, "Bouncer.Builder.target(target)");
        return this;
      }

      public Builder parameter(String name, String value) {
        parameters.put(Objects.requireNonNull(name, "Bouncer.Builder.parameter(name, value): name"),
            Objects.requireNonNull(value, "Bouncer.Builder.parameter(name, value): value"));
        return this;
      }

      public Bouncer build() {
        return new Bouncer(name, Optional.ofNullable(size), Optional.ofNullable(replicasPerCell), target, parameters);
      }
    }
  }

  /**
   * A backup policy ({@code planetscale_postgres_backup_policy}) for the database's production (or development)
   * branches: how often, how long kept, and when.
   *
   * @param name the policy's name
   * @param frequencyValue back up every this many {@code frequencyUnit}s
   * @param frequencyUnit the frequency's unit
   * @param retentionValue keep each backup this many {@code retentionUnit}s
   * @param retentionUnit the retention's unit
   * @param scheduleTime the time of day, {@code HH:MM}, or empty for PlanetScale's choice
   * @param target {@code production} or {@code development} branches
   */
  public record BackupPolicy(
      String name, int frequencyValue, Unit frequencyUnit, int retentionValue, Unit retentionUnit,
      Optional<String> scheduleTime, String target) {

    /** The provider's units; {@code YEAR} only for retention. */
    public enum Unit {
      HOUR, DAY, WEEK, MONTH, YEAR;

      /** The provider's value. */
      public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    public BackupPolicy {
      Objects.requireNonNull(name, "BackupPolicy(name)");
      Objects.requireNonNull(frequencyUnit, "BackupPolicy(frequencyUnit)");
      Objects.requireNonNull(retentionUnit, "BackupPolicy(retentionUnit)");
      Objects.requireNonNull(scheduleTime, "BackupPolicy(scheduleTime)");
      Objects.requireNonNull(target, "BackupPolicy(target)");
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builds a {@link BackupPolicy}: daily, kept 30 days, for production branches, unless set. */
    public static final class Builder {
      private String name = "kit";
      private int frequencyValue = 1;
      private Unit frequencyUnit = Unit.DAY;
      private int retentionValue = 30;
      private Unit retentionUnit = Unit.DAY;
      private String scheduleTime;
      private String target = "production";

      private Builder() {}

      public Builder name(String name) {
        this.name = Objects.requireNonNull(name, "BackupPolicy.Builder.name(name)");
        return this;
      }

      public Builder every(int value, Unit unit) {
        this.frequencyValue = value;
        this.frequencyUnit = Objects.requireNonNull(unit, "BackupPolicy.Builder.every(value, unit): unit");
        return this;
      }

      public Builder keep(int value, Unit unit) {
        this.retentionValue = value;
        this.retentionUnit = Objects.requireNonNull(unit, "BackupPolicy.Builder.keep(value, unit): unit");
        return this;
      }

      /** The time of day, {@code HH:MM} (UTC). */
      public Builder at(String time) {
        this.scheduleTime = Objects.requireNonNull(time, "BackupPolicy.Builder.at(time)");
        return this;
      }

      /** Whether the policy covers development branches instead of production ones. */
      public Builder development() {
        this.target = "development";
        return this;
      }

      public BackupPolicy build() {
        return new BackupPolicy(name, frequencyValue, frequencyUnit, retentionValue, retentionUnit,
            Optional.ofNullable(scheduleTime), target);
      }
    }
  }

  /** Builds a {@link PlanetScale}; organization and database are required, the branch defaults to {@code main}. */
  public static final class Builder {
    private String organization;
    private String database;
    private String branch = "main";
    private String clusterSize;
    private String region;
    private String parentBranch;
    private Integer replicas;
    private final Map<String, Map<String, String>> parameters = new TreeMap<>();
    private boolean production = true;
    private List<String> appRoles = DEFAULT_APP_ROLES;
    private Bouncer bouncer;
    private BackupPolicy backupPolicy;
    private Runner runner = Runner.WORKSPACE;

    private Builder() {}

    public Builder organization(String organization) {
      this.organization = Objects.requireNonNull(organization, "PlanetScale.Builder.organization(organization)");
      return this;
    }

    public Builder database(String database) {
      this.database = Objects.requireNonNull(database, "PlanetScale.Builder.database(database)");
      return this;
    }

    public Builder branch(String branch) {
      this.branch = Objects.requireNonNull(branch, "PlanetScale.Builder.branch(branch)");
      return this;
    }

    public Builder clusterSize(String clusterSize) {
      this.clusterSize = Objects.requireNonNull(clusterSize, "PlanetScale.Builder.clusterSize(clusterSize)");
      return this;
    }

    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "PlanetScale.Builder.region(region)");
      return this;
    }

    public Builder parentBranch(String parentBranch) {
      this.parentBranch = Objects.requireNonNull(parentBranch, "PlanetScale.Builder.parentBranch(parentBranch)");
      return this;
    }

    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    /** A PostgreSQL setting ({@code pgconf} namespace), e.g. {@code max_connections}. */
    public Builder parameter(String name, String value) {
      return parameter(PGCONF, name, value);
    }

    /** A setting in one of the branch's parameter namespaces: {@code pgconf}, {@code pgbouncer} or {@code patroni}. */
    public Builder parameter(String namespace, String name, String value) {
      parameters.computeIfAbsent(Objects.requireNonNull(namespace, "PlanetScale.Builder.parameter(namespace, name, value): namespace"),
              n -> new TreeMap<>())
          .put(Objects.requireNonNull(name, "PlanetScale.Builder.parameter(namespace, name, value): name"),
              Objects.requireNonNull(value, "PlanetScale.Builder.parameter(namespace, name, value): value"));
      return this;
    }

    /** Whether this is a production branch (on by default): deletion protection and {@code prevent_destroy}. */
    public Builder production(boolean production) {
      this.production = production;
      return this;
    }

    /** The roles the app role inherits, instead of {@link #DEFAULT_APP_ROLES}. */
    public Builder appRoles(List<String> appRoles) {
      Objects.requireNonNull(appRoles, "PlanetScale.Builder.appRoles(appRoles)");
      appRoles.forEach(r -> Objects.requireNonNull(r, "PlanetScale.Builder.appRoles(appRoles): an element"));
      this.appRoles = List.copyOf(appRoles);
      return this;
    }

    public Builder bouncer(Bouncer bouncer) {
      this.bouncer = Objects.requireNonNull(bouncer, "PlanetScale.Builder.bouncer(bouncer)");
      return this;
    }

    /** Shorthand for {@code bouncer(customizer.apply(Bouncer.builder()).build())}. */
    public Builder bouncer(UnaryOperator<Bouncer.Builder> customizer) {
      Objects.requireNonNull(customizer, "PlanetScale.Builder.bouncer(customizer)");
      return bouncer(customizer.apply(Bouncer.builder()).build());
    }

    public Builder backupPolicy(BackupPolicy backupPolicy) {
      this.backupPolicy = Objects.requireNonNull(backupPolicy, "PlanetScale.Builder.backupPolicy(backupPolicy)");
      return this;
    }

    /** Shorthand for {@code backupPolicy(customizer.apply(BackupPolicy.builder()).build())}. */
    public Builder backupPolicy(UnaryOperator<BackupPolicy.Builder> customizer) {
      Objects.requireNonNull(customizer, "PlanetScale.Builder.backupPolicy(customizer)");
      return backupPolicy(customizer.apply(BackupPolicy.builder()).build());
    }

    /** Only the module: the team applies it in its own pipeline; no Workspace is written. */
    public Builder moduleOnly() {
      this.runner = Runner.MODULE_ONLY;
      return this;
    }

    public PlanetScale build() {
      if (organization == null || database == null) {
        throw new IllegalStateException(
            "PlanetScale.builder(): call organization(\"acme\") and database(\"shop\") before build()");
      }
      return new PlanetScale(organization, database, branch, Optional.ofNullable(clusterSize), Optional.ofNullable(region),
          Optional.ofNullable(parentBranch), Optional.ofNullable(replicas), parameters, production, appRoles,
          Optional.ofNullable(bouncer), Optional.ofNullable(backupPolicy), runner);
    }
  }
}
