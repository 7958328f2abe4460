package dev.kit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * How a service's Atlas migrations are applied: by a Job that runs {@code atlas migrate apply}
 * as an Argo CD Sync hook, after the database is healthy and before the application.
 *
 * <pre>{@code
 * Migrations m = Migrations.builder()
 *     .directory("migrations")                 // relative to services/<service>/
 *     .atlasImage("arigaio/atlas:1.2.3")
 *     .revisionsSchema("atlas_schema_revisions")
 *     .baseline("20250101120000")              // skip versions up to this one on an existing database
 *     .txMode(TxMode.FILE)
 *     .sslMode(SslMode.VERIFY_FULL)
 *     .build();
 * }</pre>
 *
 * @param directory the migrations folder, relative to {@code services/<service>/}
 * @param atlasImage the Atlas image, pinned by tag or digest
 * @param revisionsSchema the schema of Atlas's revisions table
 * @param baseline the version to baseline an existing database at, or empty
 * @param txMode how Atlas wraps files in transactions, or empty for Atlas's default ({@code file})
 * @param sslMode the {@code sslmode} of the connection; {@code verify-*} modes check the cluster CA (default
 *     {@code verify-full}, or {@code require} with the operator engine)
 * @param backoffLimit how often the Job retries a failed run
 * @param activeDeadlineSeconds how long a run may take before Kubernetes stops it
 * @param resources the Atlas container's requests and limits
 * @param engine what applies the migrations: a Job (default) or the Atlas Kubernetes operator
 */
public record Migrations(
    String directory,
    String atlasImage,
    String revisionsSchema,
    Optional<String> baseline,
    Optional<TxMode> txMode,
    SslMode sslMode,
    int backoffLimit,
    int activeDeadlineSeconds,
    Resources resources,
    Engine engine) {

  /** What applies the migrations in the cluster. */
  public enum Engine {
    /** A Job running {@code atlas migrate apply} as an Argo CD Sync hook. */
    JOB,
    /**
     * An {@code AtlasMigration} for the Atlas operator (which must be installed), on the CNPG credentials.
     * The operator reads one ConfigMap and cannot mount the cluster CA, so the connection defaults to
     * {@code sslmode=require}.
     */
    OPERATOR
  }

  /** The Atlas release kit is tested against. */
  public static final String DEFAULT_ATLAS_IMAGE = "arigaio/atlas:1.2.3";

  public Migrations {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(atlasImage, "atlasImage");
    Objects.requireNonNull(revisionsSchema, "revisionsSchema");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(txMode, "txMode");
    Objects.requireNonNull(sslMode, "sslMode");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(engine, "engine");
  }

  public static Migrations defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Migrations}; every field has a default. */
  public static final class Builder {
    private String directory = "migrations";
    private String atlasImage = DEFAULT_ATLAS_IMAGE;
    private String revisionsSchema = "atlas_schema_revisions";
    private String baseline;
    private TxMode txMode;
    private SslMode sslMode;
    private Engine engine = Engine.JOB;
    private int backoffLimit = 3;
    private int activeDeadlineSeconds = 900;
    private Resources resources = Resources.requests("50m", "64Mi").withLimits(null, "256Mi");

    private Builder() {}

    public Builder directory(String directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public Builder atlasImage(String atlasImage) {
      this.atlasImage = Objects.requireNonNull(atlasImage, "atlasImage");
      return this;
    }

    public Builder revisionsSchema(String revisionsSchema) {
      this.revisionsSchema = Objects.requireNonNull(revisionsSchema, "revisionsSchema");
      return this;
    }

    public Builder baseline(String version) {
      this.baseline = Objects.requireNonNull(version, "baseline");
      return this;
    }

    public Builder txMode(TxMode txMode) {
      this.txMode = Objects.requireNonNull(txMode, "txMode");
      return this;
    }

    public Builder sslMode(SslMode sslMode) {
      this.sslMode = Objects.requireNonNull(sslMode, "sslMode");
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
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    public Builder engine(Engine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    public Migrations build() {
      return new Migrations(
          directory,
          atlasImage,
          revisionsSchema,
          java.util.Optional.ofNullable(baseline),
          java.util.Optional.ofNullable(txMode),
          sslMode != null ? sslMode : engine == Engine.OPERATOR ? SslMode.REQUIRE : SslMode.VERIFY_FULL,
          backoffLimit,
          activeDeadlineSeconds,
          resources,
          engine);
    }
  }
}
