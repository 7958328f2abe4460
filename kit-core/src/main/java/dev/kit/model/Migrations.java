package dev.kit.model;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a service's Atlas migrations are applied: by a Job that runs {@code atlas migrate apply} as
 * an Argo CD Sync hook, after the database is healthy and before the application.
 *
 * <pre>{@code
 * Migrations m = Migrations.builder()
 *     .directory("migrations")                 // relative to services/<service>/
 *     .atlasImage("arigaio/atlas:1.2.3")
 *     .revisionsSchema("atlas_schema_revisions")
 *     .baseline("20250101120000")              // on a database without revisions, count versions up to this one as applied
 *     .txMode(TxMode.FILE)
 *     .sslMode(SslMode.VERIFY_FULL)
 *     .build();
 * }</pre>
 */
public final class Migrations {

  /** What applies the migrations in the cluster. */
  public enum Engine {
    /** A Job running {@code atlas migrate apply} as an Argo CD Sync hook. */
    JOB,
    /**
     * An {@code AtlasMigration} for the Atlas operator (which must be installed), on the CNPG
     * credentials. The operator reads one ConfigMap and cannot mount the cluster CA, so the
     * connection defaults to {@code sslmode=require}.
     */
    OPERATOR
  }

  /** The Atlas release kit is tested against. */
  public static final String DEFAULT_ATLAS_IMAGE = "arigaio/atlas:1.2.3";

  /** The Job's retries unless set. */
  public static final int DEFAULT_BACKOFF_LIMIT = 3;

  /** The Job's deadline in seconds unless set. */
  public static final int DEFAULT_ACTIVE_DEADLINE_SECONDS = 900;

  /** The Atlas container's requests and limits unless set. */
  public static final Resources DEFAULT_RESOURCES =
      Resources.requests("50m", "64Mi").withLimits(null, "256Mi");

  private final String directory;
  private final String atlasImage;
  private final String revisionsSchema;
  private final Optional<String> baseline;
  private final Optional<TxMode> txMode;
  private final SslMode sslMode;
  private final int backoffLimit;
  private final boolean backoffLimitSet;
  private final int activeDeadlineSeconds;
  private final Resources resources;
  private final Engine engine;

  private Migrations(
      String directory,
      String atlasImage,
      String revisionsSchema,
      Optional<String> baseline,
      Optional<TxMode> txMode,
      SslMode sslMode,
      int backoffLimit,
      boolean backoffLimitSet,
      int activeDeadlineSeconds,
      Resources resources,
      Engine engine) {
    this.directory = directory;
    this.atlasImage = atlasImage;
    this.revisionsSchema = revisionsSchema;
    this.baseline = baseline;
    this.txMode = txMode;
    this.sslMode = sslMode;
    this.backoffLimit = backoffLimit;
    this.backoffLimitSet = backoffLimitSet;
    this.activeDeadlineSeconds = activeDeadlineSeconds;
    this.resources = resources;
    this.engine = engine;
  }

  public static Migrations defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder builder =
        builder()
            .directory(directory)
            .atlasImage(atlasImage)
            .revisionsSchema(revisionsSchema)
            .activeDeadlineSeconds(activeDeadlineSeconds)
            .resources(resources)
            .engine(engine);
    builder.baseline = baseline.orElse(null);
    builder.backoffLimit = backoffLimitSet ? backoffLimit : null;
    builder.txMode = txMode.orElse(null);
    // The engine's default stays a default, so that engine(OPERATOR) on these gets its own.
    builder.sslMode = sslMode == defaultSslMode(engine) ? null : sslMode;
    return builder;
  }

  /** The migrations folder, relative to {@code services/<service>/}. */
  public String directory() {
    return directory;
  }

  /** The Atlas image, pinned by tag or digest. */
  public String atlasImage() {
    return atlasImage;
  }

  /** The schema of Atlas's revisions table. */
  public String revisionsSchema() {
    return revisionsSchema;
  }

  /** The version to baseline an existing database at, or empty. */
  public Optional<String> baseline() {
    return baseline;
  }

  /** How Atlas wraps files in transactions, or empty for Atlas's default ({@code file}). */
  public Optional<TxMode> txMode() {
    return txMode;
  }

  /**
   * The {@code sslmode} of the connection; {@code verify-*} modes check the cluster CA (default
   * {@code verify-full}, or {@code require} with the operator engine).
   */
  public SslMode sslMode() {
    return sslMode;
  }

  /**
   * How often the Job retries a failed run: the description's, or {@link #DEFAULT_BACKOFF_LIMIT}.
   */
  public int backoffLimit() {
    return backoffLimit;
  }

  /**
   * Whether the description set {@link #backoffLimit}: the operator engine writes it then, and
   * otherwise leaves the AtlasMigration's own default, which is not the Job's.
   */
  public boolean isBackoffLimitSet() {
    return backoffLimitSet;
  }

  /** How long a run may take before Kubernetes stops it. */
  public int activeDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  /** The Atlas container's requests and limits. */
  public Resources resources() {
    return resources;
  }

  /** What applies the migrations: a Job (default) or the Atlas Kubernetes operator. */
  public Engine engine() {
    return engine;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Migrations that
        && directory.equals(that.directory)
        && atlasImage.equals(that.atlasImage)
        && revisionsSchema.equals(that.revisionsSchema)
        && baseline.equals(that.baseline)
        && txMode.equals(that.txMode)
        && sslMode.equals(that.sslMode)
        && backoffLimit == that.backoffLimit
        && backoffLimitSet == that.backoffLimitSet
        && activeDeadlineSeconds == that.activeDeadlineSeconds
        && resources.equals(that.resources)
        && engine.equals(that.engine);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        directory,
        atlasImage,
        revisionsSchema,
        baseline,
        txMode,
        sslMode,
        backoffLimit,
        backoffLimitSet,
        activeDeadlineSeconds,
        resources,
        engine);
  }

  @Override
  public String toString() {
    return "Migrations[directory="
        + directory
        + ", atlasImage="
        + atlasImage
        + ", revisionsSchema="
        + revisionsSchema
        + ", baseline="
        + baseline
        + ", txMode="
        + txMode
        + ", sslMode="
        + sslMode
        + ", backoffLimit="
        + backoffLimit
        + ", activeDeadlineSeconds="
        + activeDeadlineSeconds
        + ", resources="
        + resources
        + ", engine="
        + engine
        + "]";
  }

  /**
   * The sslmode an engine connects with unless told: the Job verifies the server, the operator
   * cannot mount the CA.
   */
  private static SslMode defaultSslMode(Engine engine) {
    return engine == Engine.OPERATOR ? SslMode.REQUIRE : SslMode.VERIFY_FULL;
  }

  /** Builds {@link Migrations}; every field has a default. */
  public static final class Builder {
    private String directory = "migrations";
    private String atlasImage = DEFAULT_ATLAS_IMAGE;
    private String revisionsSchema = "atlas_schema_revisions";
    private @Nullable String baseline;
    private @Nullable TxMode txMode;
    private @Nullable SslMode sslMode;
    private Engine engine = Engine.JOB;
    private @Nullable Integer backoffLimit;
    private int activeDeadlineSeconds = DEFAULT_ACTIVE_DEADLINE_SECONDS;
    private Resources resources = DEFAULT_RESOURCES;

    private Builder() {}

    public Builder directory(String directory) {
      this.directory =
          Objects.requireNonNull(
              directory,
              "Migrations.Builder.directory(directory): directory is null; "
                  + "pass the migrations folder relative to services/<service>/, or leave it for migrations");
      return this;
    }

    public Builder atlasImage(String atlasImage) {
      this.atlasImage =
          Objects.requireNonNull(
              atlasImage,
              "Migrations.Builder.atlasImage(atlasImage): atlasImage is null; "
                  + "pass an Atlas image pinned by tag or digest, or leave it for Migrations.DEFAULT_ATLAS_IMAGE");
      return this;
    }

    public Builder revisionsSchema(String revisionsSchema) {
      this.revisionsSchema =
          Objects.requireNonNull(
              revisionsSchema,
              "Migrations.Builder.revisionsSchema(revisionsSchema): revisionsSchema is null; "
                  + "pass a schema name, or leave it for atlas_schema_revisions");
      return this;
    }

    /**
     * The version up to which Atlas counts migrations as applied, never running them, on a database
     * without its revisions (an existing one being adopted, and a new empty one alike).
     */
    public Builder baseline(String version) {
      this.baseline =
          Objects.requireNonNull(
              version,
              "Migrations.Builder.baseline(version): version is null; "
                  + "pass a migration version such as 20250101120000, or leave it out for no baseline");
      return this;
    }

    public Builder txMode(TxMode txMode) {
      this.txMode =
          Objects.requireNonNull(
              txMode,
              "Migrations.Builder.txMode(txMode): txMode is null; "
                  + "pass TxMode.FILE, ALL or NONE, or leave it out for Atlas's default");
      return this;
    }

    public Builder sslMode(SslMode sslMode) {
      this.sslMode =
          Objects.requireNonNull(
              sslMode,
              "Migrations.Builder.sslMode(sslMode): sslMode is null; "
                  + "pass an SslMode such as SslMode.VERIFY_FULL, or leave it out for the engine's default");
      return this;
    }

    public Builder backoffLimit(int backoffLimit) {
      this.backoffLimit = backoffLimit;
      return this;
    }

    public Builder activeDeadlineSeconds(int activeDeadlineSeconds) {
      this.activeDeadlineSeconds = activeDeadlineSeconds;
      return this;
    }

    public Builder resources(Resources resources) {
      this.resources =
          Objects.requireNonNull(
              resources,
              "Migrations.Builder.resources(resources): resources is null; "
                  + "pass Resources.requests(cpu, memory), or leave it for the default");
      return this;
    }

    public Builder engine(Engine engine) {
      this.engine =
          Objects.requireNonNull(
              engine,
              "Migrations.Builder.engine(engine): engine is null; pass Migrations.Engine.JOB or OPERATOR");
      return this;
    }

    public Migrations build() {
      return new Migrations(
          directory,
          atlasImage,
          revisionsSchema,
          Optional.ofNullable(baseline),
          Optional.ofNullable(txMode),
          sslMode != null ? sslMode : defaultSslMode(engine),
          backoffLimit != null ? backoffLimit : DEFAULT_BACKOFF_LIMIT,
          backoffLimit != null,
          activeDeadlineSeconds,
          resources,
          engine);
    }
  }
}
