package dev.kit.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A database branch on PlanetScale Postgres ({@code db.planetScale(ps -> ...)}), created and kept
 * by PlanetScale's Terraform provider ({@code planetscale/planetscale}): the branch, a migrator
 * role for the migration Job, an app role for the application, and optionally a dedicated PgBouncer
 * and a backup policy. Only what is set here is written; PlanetScale's defaults apply to the rest.
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
 */
public final class PlanetScale implements DatabaseHost {
  private final String organization;
  private final String database;
  private final String branch;
  private final Optional<String> clusterSize;
  private final Optional<String> region;
  private final Optional<String> parentBranch;
  private final Optional<Integer> replicas;
  private final Map<String, Map<String, String>> parameters;
  private final boolean production;
  private final List<String> appRoles;
  private final Optional<Bouncer> bouncer;
  private final Optional<BackupPolicy> backupPolicy;
  private final int passwordRotation;
  private final Runner runner;
  private final Optional<String> adoptedBranchId;

  private PlanetScale(
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
      int passwordRotation,
      Runner runner,
      Optional<String> adoptedBranchId) {
    Objects.requireNonNull(
        organization, "PlanetScale(...): organization is null; use PlanetScale.builder()");
    Objects.requireNonNull(
        database, "PlanetScale(...): database is null; use PlanetScale.builder()");
    Objects.requireNonNull(branch, "PlanetScale(...): branch is null; use PlanetScale.builder()");
    Objects.requireNonNull(
        clusterSize, "PlanetScale(...): clusterSize is null; use PlanetScale.builder()");
    Objects.requireNonNull(region, "PlanetScale(...): region is null; use PlanetScale.builder()");
    Objects.requireNonNull(
        parentBranch, "PlanetScale(...): parentBranch is null; use PlanetScale.builder()");
    Objects.requireNonNull(
        replicas, "PlanetScale(...): replicas is null; use PlanetScale.builder()");
    TreeMap<String, Map<String, String>> copy = new TreeMap<>();
    parameters.forEach(
        (namespace, values) ->
            copy.put(namespace, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
    parameters = Collections.unmodifiableSortedMap(copy);
    appRoles = List.copyOf(appRoles);
    Objects.requireNonNull(bouncer, "PlanetScale(...): bouncer is null; use PlanetScale.builder()");
    Objects.requireNonNull(
        backupPolicy, "PlanetScale(...): backupPolicy is null; use PlanetScale.builder()");
    Objects.requireNonNull(runner, "PlanetScale(...): runner is null; use PlanetScale.builder()");
    Objects.requireNonNull(
        adoptedBranchId, "PlanetScale(...): adoptedBranchId is null; use PlanetScale.builder()");
    this.organization = organization;
    this.database = database;
    this.branch = branch;
    this.clusterSize = clusterSize;
    this.region = region;
    this.parentBranch = parentBranch;
    this.replicas = replicas;
    this.parameters = parameters;
    this.production = production;
    this.appRoles = appRoles;
    this.bouncer = bouncer;
    // A policy that names no target covers the branches of this one's kind.
    this.backupPolicy =
        backupPolicy.isPresent()
            ? Optional.of(backupPolicy.get().forBranch(production))
            : backupPolicy;
    this.passwordRotation = passwordRotation;
    this.runner = runner;
    this.adoptedBranchId = adoptedBranchId;
  }

  /** The PlanetScale organization slug. */
  public String organization() {
    return organization;
  }

  /** The PlanetScale database slug (created with the first branch when it does not exist). */
  public String database() {
    return database;
  }

  /** The branch name. */
  public String branch() {
    return branch;
  }

  /** The cluster size SKU, e.g. {@code PS_10_AWS_ARM}, or empty for PlanetScale's default. */
  public Optional<String> clusterSize() {
    return clusterSize;
  }

  /** The region slug, or empty for the database's default region. */
  public Optional<String> region() {
    return region;
  }

  /** The branch this one is created from, or empty for the database's default branch. */
  public Optional<String> parentBranch() {
    return parentBranch;
  }

  /** The number of replicas, or empty for PlanetScale's default. */
  public Optional<Integer> replicas() {
    return replicas;
  }

  /**
   * Parameter overrides by namespace ({@code pgconf}, {@code pgbouncer}, {@code patroni}), sorted.
   */
  public Map<String, Map<String, String>> parameters() {
    return parameters;
  }

  /**
   * Whether this is a production branch: deletion protection and {@code prevent_destroy} (on unless
   * switched off, since destroying the last branch deletes the database).
   */
  public boolean production() {
    return production;
  }

  /** The roles the app role inherits (least privilege: read and write all data, no DDL). */
  public List<String> appRoles() {
    return appRoles;
  }

  /**
   * A dedicated PgBouncer the app connects through, or empty for PlanetScale's default one on 6432.
   */
  public Optional<Bouncer> bouncer() {
    return bouncer;
  }

  /** A backup policy for the database, or empty for PlanetScale's default. */
  public Optional<BackupPolicy> backupPolicy() {
    return backupPolicy;
  }

  /**
   * How many times the roles' passwords have been rotated: raising it replaces both roles, with new
   * passwords, on the next apply, and restarts the app's pods; 0 until the first rotation.
   */
  public int passwordRotation() {
    return passwordRotation;
  }

  /** Who applies the module: a Crossplane Workspace from Argo CD, or the team's own pipeline. */
  public Runner runner() {
    return runner;
  }

  /**
   * The ID of a branch that existed before kit, which the module imports instead of creating, or
   * empty when the module creates the branch.
   */
  public Optional<String> adoptedBranchId() {
    return adoptedBranchId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlanetScale that
        && organization.equals(that.organization)
        && database.equals(that.database)
        && branch.equals(that.branch)
        && clusterSize.equals(that.clusterSize)
        && region.equals(that.region)
        && parentBranch.equals(that.parentBranch)
        && replicas.equals(that.replicas)
        && parameters.equals(that.parameters)
        && production == that.production
        && appRoles.equals(that.appRoles)
        && bouncer.equals(that.bouncer)
        && backupPolicy.equals(that.backupPolicy)
        && passwordRotation == that.passwordRotation
        && runner.equals(that.runner)
        && adoptedBranchId.equals(that.adoptedBranchId);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        organization,
        database,
        branch,
        clusterSize,
        region,
        parentBranch,
        replicas,
        parameters,
        production,
        appRoles,
        bouncer,
        backupPolicy,
        passwordRotation,
        runner,
        adoptedBranchId);
  }

  @Override
  public String toString() {
    return "PlanetScale[organization="
        + organization
        + ", database="
        + database
        + ", branch="
        + branch
        + ", clusterSize="
        + clusterSize
        + ", region="
        + region
        + ", parentBranch="
        + parentBranch
        + ", replicas="
        + replicas
        + ", parameters="
        + parameters
        + ", production="
        + production
        + ", appRoles="
        + appRoles
        + ", bouncer="
        + bouncer
        + ", backupPolicy="
        + backupPolicy
        + ", passwordRotation="
        + passwordRotation
        + ", runner="
        + runner
        + ", adoptedBranchId="
        + adoptedBranchId
        + "]";
  }

  /** The roles an app role inherits unless the description says otherwise: data, not schema. */
  public static final List<String> DEFAULT_APP_ROLES =
      List.of("pg_read_all_data", "pg_write_all_data");

  /** The namespace of PostgreSQL's own settings among the branch's parameters. */
  public static final String PGCONF = "pgconf";

  /** Who runs {@code tofu apply} on the generated module. */
  public enum Runner {
    /**
     * A Crossplane provider-opentofu {@code Workspace}, synced by Argo CD before the migrations.
     */
    WORKSPACE,
    /**
     * Only the module: the team applies it in its own pipeline, and the module writes the
     * connection Secret into the service namespace itself ({@code kubernetes_secret_v1}).
     */
    MODULE_ONLY
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this branch's settings, to change some of them (another environment's branch,
   * say).
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.organization = organization;
    builder.database = database;
    builder.branch = branch;
    builder.clusterSize = clusterSize.orElse(null);
    builder.region = region.orElse(null);
    builder.parentBranch = parentBranch.orElse(null);
    builder.replicas = replicas.orElse(null);
    parameters.forEach(
        (namespace, values) -> builder.parameters.put(namespace, new TreeMap<>(values)));
    builder.production = production;
    builder.appRoles = appRoles;
    builder.bouncer = bouncer.orElse(null);
    builder.backupPolicy = backupPolicy.orElse(null);
    builder.passwordRotation = passwordRotation;
    builder.runner = runner;
    builder.adoptedBranchId = adoptedBranchId.orElse(null);
    return builder;
  }

  /**
   * A dedicated PgBouncer ({@code planetscale_postgres_bouncer}); clients reach it on port 6432 as
   * {@code <user>|<name>}.
   */
  public static final class Bouncer {
    private final String name;
    private final Optional<String> size;
    private final Optional<Integer> replicasPerCell;
    private final String target;
    private final Map<String, String> parameters;

    private Bouncer(
        String name,
        Optional<String> size,
        Optional<Integer> replicasPerCell,
        String target,
        Map<String, String> parameters) {
      Objects.requireNonNull(name, "Bouncer(...): name is null; use Bouncer.builder()");
      Objects.requireNonNull(size, "Bouncer(...): size is null; use Bouncer.builder()");
      Objects.requireNonNull(
          replicasPerCell, "Bouncer(...): replicasPerCell is null; use Bouncer.builder()");
      Objects.requireNonNull(target, "Bouncer(...): target is null; use Bouncer.builder()");
      parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
      this.name = name;
      this.size = size;
      this.replicasPerCell = replicasPerCell;
      this.target = target;
      this.parameters = parameters;
    }

    /** The bouncer's name, at most 12 characters. */
    public String name() {
      return name;
    }

    /**
     * The bouncer size SKU, e.g. {@code PGB_10}, or empty for PlanetScale's default ({@code
     * PGB_5}).
     */
    public Optional<String> size() {
      return size;
    }

    /** PgBouncer instances per availability zone, or empty for PlanetScale's default (1). */
    public Optional<Integer> replicasPerCell() {
      return replicasPerCell;
    }

    /**
     * Where it routes: {@code primary} (the default), {@code replica} or {@code
     * replica_az_affinity}.
     */
    public String target() {
      return target;
    }

    /** PgBouncer parameter overrides ({@code pgbouncer} namespace), sorted. */
    public Map<String, String> parameters() {
      return parameters;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Bouncer that
          && name.equals(that.name)
          && size.equals(that.size)
          && replicasPerCell.equals(that.replicasPerCell)
          && target.equals(that.target)
          && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(name, size, replicasPerCell, target, parameters);
    }

    @Override
    public String toString() {
      return "Bouncer[name="
          + name
          + ", size="
          + size
          + ", replicasPerCell="
          + replicasPerCell
          + ", target="
          + target
          + ", parameters="
          + parameters
          + "]";
    }

    /** The targets the provider accepts. */
    public static final List<String> TARGETS = List.of("primary", "replica", "replica_az_affinity");

    public static Builder builder() {
      return new Builder();
    }

    /** Builds a {@link Bouncer}; the name defaults to {@code app}, the target to the primary. */
    public static final class Builder {
      private String name = "app";
      private @Nullable String size;
      private @Nullable Integer replicasPerCell;
      private String target = "primary";
      private final Map<String, String> parameters = new TreeMap<>();

      private Builder() {}

      public Builder name(String name) {
        this.name =
            Objects.requireNonNull(name, "Bouncer.Builder.name(name): name is null; pass a name");
        return this;
      }

      public Builder size(String size) {
        this.size =
            Objects.requireNonNull(
                size,
                "Bouncer.Builder.size(size): size is null; pass a bouncer size, such as \"PGB_10\"");
        return this;
      }

      public Builder replicasPerCell(int replicasPerCell) {
        this.replicasPerCell = replicasPerCell;
        return this;
      }

      public Builder target(String target) {
        this.target =
            Objects.requireNonNull(
                target,
                "Bouncer.Builder.target(target): target is null; pass \"primary\" or \"replica\", or leave it out");
        return this;
      }

      public Builder parameter(String name, String value) {
        parameters.put(
            Objects.requireNonNull(
                name, "Bouncer.Builder.parameter(name, value): name is null; pass a name"),
            Objects.requireNonNull(
                value,
                "Bouncer.Builder.parameter(name, value): value is null; pass the parameter's value"));
        return this;
      }

      public Bouncer build() {
        return new Bouncer(
            name,
            Optional.ofNullable(size),
            Optional.ofNullable(replicasPerCell),
            target,
            parameters);
      }
    }
  }

  /**
   * A backup policy ({@code planetscale_postgres_backup_policy}) for the database's production (or
   * development) branches: how often, how long kept, and when.
   */
  public static final class BackupPolicy {
    private final String name;
    private final int frequencyValue;
    private final Unit frequencyUnit;
    private final int retentionValue;
    private final Unit retentionUnit;
    private final Optional<String> scheduleTime;
    private final String target;
    private final boolean targetChosen;

    private BackupPolicy(
        String name,
        int frequencyValue,
        Unit frequencyUnit,
        int retentionValue,
        Unit retentionUnit,
        Optional<String> scheduleTime,
        String target,
        boolean targetChosen) {
      Objects.requireNonNull(name, "BackupPolicy(...): name is null; use BackupPolicy.builder()");
      Objects.requireNonNull(
          frequencyUnit, "BackupPolicy(...): frequencyUnit is null; use BackupPolicy.builder()");
      Objects.requireNonNull(
          retentionUnit, "BackupPolicy(...): retentionUnit is null; use BackupPolicy.builder()");
      Objects.requireNonNull(
          scheduleTime, "BackupPolicy(...): scheduleTime is null; use BackupPolicy.builder()");
      Objects.requireNonNull(
          target, "BackupPolicy(...): target is null; use BackupPolicy.builder()");
      this.name = name;
      this.frequencyValue = frequencyValue;
      this.frequencyUnit = frequencyUnit;
      this.retentionValue = retentionValue;
      this.retentionUnit = retentionUnit;
      this.scheduleTime = scheduleTime;
      this.target = target;
      this.targetChosen = targetChosen;
    }

    /**
     * This policy on a production or a development branch: one that names no target covers the
     * branches of that kind.
     */
    BackupPolicy forBranch(boolean production) {
      String branchKind = production ? "production" : "development";
      if (targetChosen || target.equals(branchKind)) {
        return this;
      }
      return new BackupPolicy(
          name,
          frequencyValue,
          frequencyUnit,
          retentionValue,
          retentionUnit,
          scheduleTime,
          branchKind,
          false);
    }

    /** The policy's name. */
    public String name() {
      return name;
    }

    /** Back up every this many {@code frequencyUnit}s. */
    public int frequencyValue() {
      return frequencyValue;
    }

    /** The frequency's unit. */
    public Unit frequencyUnit() {
      return frequencyUnit;
    }

    /** Keep each backup this many {@code retentionUnit}s. */
    public int retentionValue() {
      return retentionValue;
    }

    /** The retention's unit. */
    public Unit retentionUnit() {
      return retentionUnit;
    }

    /** The time of day, {@code HH:MM}, or empty for PlanetScale's choice. */
    public Optional<String> scheduleTime() {
      return scheduleTime;
    }

    /**
     * {@code production} or {@code development} branches: unless the builder chose, those of the
     * branch's kind ({@link PlanetScale.Builder#production}), production outside a branch.
     */
    public String target() {
      return target;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BackupPolicy that
          && name.equals(that.name)
          && frequencyValue == that.frequencyValue
          && frequencyUnit.equals(that.frequencyUnit)
          && retentionValue == that.retentionValue
          && retentionUnit.equals(that.retentionUnit)
          && scheduleTime.equals(that.scheduleTime)
          && target.equals(that.target)
          && targetChosen == that.targetChosen;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(
          name,
          frequencyValue,
          frequencyUnit,
          retentionValue,
          retentionUnit,
          scheduleTime,
          target,
          targetChosen);
    }

    @Override
    public String toString() {
      return "BackupPolicy[name="
          + name
          + ", frequencyValue="
          + frequencyValue
          + ", frequencyUnit="
          + frequencyUnit
          + ", retentionValue="
          + retentionValue
          + ", retentionUnit="
          + retentionUnit
          + ", scheduleTime="
          + scheduleTime
          + ", target="
          + target
          + ", targetChosen="
          + targetChosen
          + "]";
    }

    /** The provider's units; {@code YEAR} only for retention. */
    public enum Unit {
      HOUR,
      DAY,
      WEEK,
      MONTH,
      YEAR;

      /** The provider's value. */
      public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    public static Builder builder() {
      return new Builder();
    }

    /**
     * Builds a {@link BackupPolicy}: daily, kept 30 days, for the branches of the kind of the one
     * that declares it (production or development), unless set.
     */
    public static final class Builder {
      private String name = "kit";
      private int frequencyValue = 1;
      private Unit frequencyUnit = Unit.DAY;
      private int retentionValue = 30;
      private Unit retentionUnit = Unit.DAY;
      private @Nullable String scheduleTime;
      private @Nullable String target;

      private Builder() {}

      public Builder name(String name) {
        this.name =
            Objects.requireNonNull(
                name, "BackupPolicy.Builder.name(name): name is null; pass a name");
        return this;
      }

      public Builder every(int value, Unit unit) {
        this.frequencyValue = value;
        this.frequencyUnit =
            Objects.requireNonNull(
                unit,
                "BackupPolicy.Builder.every(value, unit): unit is null; pass a Unit, such as Unit.DAY");
        return this;
      }

      public Builder keep(int value, Unit unit) {
        this.retentionValue = value;
        this.retentionUnit =
            Objects.requireNonNull(
                unit,
                "BackupPolicy.Builder.keep(value, unit): unit is null; pass a Unit, such as Unit.DAY");
        return this;
      }

      /** The time of day, {@code HH:MM} (UTC). */
      public Builder at(String time) {
        this.scheduleTime =
            Objects.requireNonNull(
                time,
                "BackupPolicy.Builder.at(time): time is null; pass a time of day, such as \"02:00\"");
        return this;
      }

      /** The policy covers development branches, whatever the branch that declares it. */
      public Builder development() {
        this.target = "development";
        return this;
      }

      /** The policy covers production branches, whatever the branch that declares it. */
      public Builder production() {
        this.target = "production";
        return this;
      }

      public BackupPolicy build() {
        return new BackupPolicy(
            name,
            frequencyValue,
            frequencyUnit,
            retentionValue,
            retentionUnit,
            Optional.ofNullable(scheduleTime),
            target != null ? target : "production",
            target != null);
      }
    }
  }

  /**
   * Builds a {@link PlanetScale}; organization and database are required, the branch defaults to
   * {@code main}.
   */
  public static final class Builder {
    private @Nullable String organization;
    private @Nullable String database;
    private String branch = "main";
    private @Nullable String clusterSize;
    private @Nullable String region;
    private @Nullable String parentBranch;
    private @Nullable Integer replicas;
    private final Map<String, Map<String, String>> parameters = new TreeMap<>();
    private boolean production = true;
    private List<String> appRoles = DEFAULT_APP_ROLES;
    private @Nullable Bouncer bouncer;
    private @Nullable BackupPolicy backupPolicy;
    private int passwordRotation;
    private Runner runner = Runner.WORKSPACE;
    private @Nullable String adoptedBranchId;

    private Builder() {}

    public Builder organization(String organization) {
      this.organization =
          Objects.requireNonNull(
              organization,
              "PlanetScale.Builder.organization(organization): organization is null; pass the PlanetScale organization, such as \"acme\"");
      return this;
    }

    public Builder database(String database) {
      this.database =
          Objects.requireNonNull(
              database,
              "PlanetScale.Builder.database(database): database is null; pass the PlanetScale database, such as \"shop\"");
      return this;
    }

    public Builder branch(String branch) {
      this.branch =
          Objects.requireNonNull(
              branch,
              "PlanetScale.Builder.branch(branch): branch is null; pass the branch, such as \"main\"");
      return this;
    }

    public Builder clusterSize(String clusterSize) {
      this.clusterSize =
          Objects.requireNonNull(
              clusterSize,
              "PlanetScale.Builder.clusterSize(clusterSize): clusterSize is null; pass a cluster size, such as \"PS_10_AWS_ARM\"");
      return this;
    }

    public Builder region(String region) {
      this.region =
          Objects.requireNonNull(
              region,
              "PlanetScale.Builder.region(region): region is null; pass a region slug, or leave it out for the database's default region");
      return this;
    }

    public Builder parentBranch(String parentBranch) {
      this.parentBranch =
          Objects.requireNonNull(
              parentBranch,
              "PlanetScale.Builder.parentBranch(parentBranch): parentBranch is null; pass the branch it forks from, such as \"main\", or leave it out");
      return this;
    }

    /**
     * The branch's replicas, in other availability zones: 0 for a single node, or 2 to 8 for high
     * availability (PlanetScale refuses other counts); PlanetScale's default when left out.
     */
    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    /** A PostgreSQL setting ({@code pgconf} namespace), e.g. {@code max_connections}. */
    public Builder parameter(String name, String value) {
      return parameter(PGCONF, name, value);
    }

    /**
     * A setting in one of the branch's parameter namespaces: {@code pgconf}, {@code pgbouncer} or
     * {@code patroni}.
     */
    public Builder parameter(String namespace, String name, String value) {
      parameters
          .computeIfAbsent(
              Objects.requireNonNull(
                  namespace,
                  "PlanetScale.Builder.parameter(namespace, name, value): namespace is null; pass the parameter namespace, such as \"pgbouncer\""),
              n -> new TreeMap<>())
          .put(
              Objects.requireNonNull(
                  name,
                  "PlanetScale.Builder.parameter(namespace, name, value): name is null; pass a name"),
              Objects.requireNonNull(
                  value,
                  "PlanetScale.Builder.parameter(namespace, name, value): value is null; pass the parameter's value"));
      return this;
    }

    /**
     * Whether this is a production branch (on by default): deletion protection and {@code
     * prevent_destroy}.
     */
    public Builder production(boolean production) {
      this.production = production;
      return this;
    }

    /** The roles the app role inherits, instead of {@link #DEFAULT_APP_ROLES}. */
    public Builder appRoles(List<String> appRoles) {
      Objects.requireNonNull(
          appRoles,
          "PlanetScale.Builder.appRoles(appRoles): appRoles is null; pass the roles the app role inherits, such as List.of(\"pg_read_all_data\")");
      appRoles.forEach(
          r ->
              Objects.requireNonNull(
                  r,
                  "PlanetScale.Builder.appRoles(appRoles): an element of appRoles is null; pass role names only"));
      this.appRoles = List.copyOf(appRoles);
      return this;
    }

    public Builder bouncer(Bouncer bouncer) {
      this.bouncer =
          Objects.requireNonNull(
              bouncer,
              "PlanetScale.Builder.bouncer(bouncer): bouncer is null; pass a Bouncer, or leave it out for none");
      return this;
    }

    /** Shorthand for {@code bouncer(customizer.apply(Bouncer.builder()).build())}. */
    public Builder bouncer(UnaryOperator<Bouncer.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "PlanetScale.Builder.bouncer(customizer): customizer is null; pass a function such as b -> b.size(\"PGB_10\")");
      return bouncer(
          Objects.requireNonNull(
                  customizer.apply(Bouncer.builder()),
                  "PlanetScale.Builder.bouncer(customizer): customizer returned null; return the builder it is given, such as b -> b.size(\"PGB_10\")")
              .build());
    }

    public Builder backupPolicy(BackupPolicy backupPolicy) {
      this.backupPolicy =
          Objects.requireNonNull(
              backupPolicy,
              "PlanetScale.Builder.backupPolicy(backupPolicy): backupPolicy is null; pass a BackupPolicy, or leave it out for PlanetScale's default backups");
      return this;
    }

    /** Shorthand for {@code backupPolicy(customizer.apply(BackupPolicy.builder()).build())}. */
    public Builder backupPolicy(UnaryOperator<BackupPolicy.Builder> customizer) {
      Objects.requireNonNull(
          customizer,
          "PlanetScale.Builder.backupPolicy(customizer): customizer is null; pass a function such as p -> p.every(1, Unit.DAY)");
      return backupPolicy(
          Objects.requireNonNull(
                  customizer.apply(BackupPolicy.builder()),
                  "PlanetScale.Builder.backupPolicy(customizer): customizer returned null; return the builder it is given, such as p -> p.every(1, Unit.DAY)")
              .build());
    }

    /**
     * No backup policy in the module: undoes {@link #backupPolicy}. A backup policy belongs to the
     * PlanetScale database, not a branch, so only one environment's module may declare it; the
     * others' overrides leave it out ({@code in("dev", d -> d.database(db -> db.planetScale(ps ->
     * ps.branch("dev").withoutBackupPolicy())))}). Their branches are then backed up by the
     * database's policies for their target (production or development branches), or PlanetScale's
     * default.
     */
    public Builder withoutBackupPolicy() {
      this.backupPolicy = null;
      return this;
    }

    /**
     * The roles' password rotation, 0 (never rotated) unless set: raise it by one and merge to
     * replace both roles with new passwords and restart the app on the new Secret.
     */
    public Builder passwordRotation(int passwordRotation) {
      this.passwordRotation = passwordRotation;
      return this;
    }

    /** Only the module: the team applies it in its own pipeline; no Workspace is written. */
    public Builder moduleOnly() {
      this.runner = Runner.MODULE_ONLY;
      return this;
    }

    /**
     * Adopts a branch that already exists, such as the {@code main} every database made in
     * PlanetScale's console starts with: the module imports it by its ID (the {@code id} of {@code
     * GET https://api.planetscale.com/v1/organizations/<org>/databases/<db>/branches/<branch>})
     * instead of creating it, which would fail. The branch keeps the PostgreSQL version, region and
     * parent it was created with, and the module never destroys it.
     */
    public Builder adoptBranch(String branchId) {
      this.adoptedBranchId =
          Objects.requireNonNull(
              branchId,
              "PlanetScale.Builder.adoptBranch(branchId): branchId is null; pass the existing branch's id from PlanetScale's API, or leave it out to let the module create the branch");
      return this;
    }

    /**
     * The module creates the branch (the default): undoes {@link #adoptBranch}, as another
     * environment's branch derived from an adopted one needs ({@code
     * ps.branch("dev").createBranch()}).
     */
    public Builder createBranch() {
      this.adoptedBranchId = null;
      return this;
    }

    public PlanetScale build() {
      if (organization == null || database == null) {
        throw new IllegalStateException(
            "PlanetScale.builder(): call organization(\"acme\") and database(\"shop\") before build()");
      }
      return new PlanetScale(
          organization,
          database,
          branch,
          Optional.ofNullable(clusterSize),
          Optional.ofNullable(region),
          Optional.ofNullable(parentBranch),
          Optional.ofNullable(replicas),
          parameters,
          production,
          appRoles,
          Optional.ofNullable(bouncer),
          Optional.ofNullable(backupPolicy),
          passwordRotation,
          runner,
          Optional.ofNullable(adoptedBranchId));
    }
  }
}
