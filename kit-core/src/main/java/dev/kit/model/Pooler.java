package dev.kit.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * PgBouncer in front of the cluster: CNPG {@code Pooler}s for the primary ({@code rw}) and,
 * optionally, the replicas ({@code ro}).
 *
 * <pre>{@code
 * Pooler pooler = Pooler.builder().instances(2).poolMode(Pooler.PoolMode.TRANSACTION)
 *     .parameter("max_client_conn", "1000").readOnly(true).build();
 * }</pre>
 */
public final class Pooler {

  /** PgBouncer's pool modes that CNPG supports. */
  public enum PoolMode {
    SESSION("session"),
    TRANSACTION("transaction");

    private final String value;

    PoolMode(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  private final int instances;
  private final Optional<PoolMode> poolMode;
  private final Map<String, String> parameters;
  private final boolean readOnly;

  private Pooler(
      int instances,
      Optional<PoolMode> poolMode,
      Map<String, String> parameters,
      boolean readOnly) {
    this.instances = instances;
    this.poolMode = poolMode;
    this.parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    this.readOnly = readOnly;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder builder = builder().instances(instances).readOnly(readOnly);
    builder.poolMode = poolMode.orElse(null);
    parameters.forEach(builder::parameter);
    return builder;
  }

  /** PgBouncer pods per pooler. */
  public int instances() {
    return instances;
  }

  /** Session or transaction pooling, or empty for CNPG's default (session). */
  public Optional<PoolMode> poolMode() {
    return poolMode;
  }

  /** PgBouncer parameters, sorted by name. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** Whether a second pooler serves the replicas. */
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Pooler that
        && instances == that.instances
        && poolMode.equals(that.poolMode)
        && parameters.equals(that.parameters)
        && readOnly == that.readOnly;
  }

  @Override
  public int hashCode() {
    return Objects.hash(instances, poolMode, parameters, readOnly);
  }

  @Override
  public String toString() {
    return "Pooler[instances="
        + instances
        + ", poolMode="
        + poolMode
        + ", parameters="
        + parameters
        + ", readOnly="
        + readOnly
        + "]";
  }

  /** Builds a {@link Pooler}; every field has a default. */
  public static final class Builder {
    private int instances = 2;
    private @Nullable PoolMode poolMode;
    private final Map<String, String> parameters = new TreeMap<>();
    private boolean readOnly;

    private Builder() {}

    public Builder instances(int instances) {
      this.instances = instances;
      return this;
    }

    public Builder poolMode(PoolMode poolMode) {
      this.poolMode =
          Objects.requireNonNull(
              poolMode,
              "Pooler.Builder.poolMode(poolMode): poolMode is null; "
                  + "pass Pooler.PoolMode.SESSION or TRANSACTION, or leave it out for CNPG's default");
      return this;
    }

    public Builder parameter(String name, String value) {
      parameters.put(
          Objects.requireNonNull(
              name,
              "Pooler.Builder.parameter(name, value): name is null; "
                  + "pass a PgBouncer parameter such as max_client_conn"),
          Objects.requireNonNull(
              value,
              "Pooler.Builder.parameter(name, value): value is null; pass its value as a string, such as \"1000\""));
      return this;
    }

    /**
     * A second pooler for the replicas, through {@code <cluster>-ro}: the database needs {@code
     * instances(2)} or more.
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Pooler build() {
      return new Pooler(instances, Optional.ofNullable(poolMode), parameters, readOnly);
    }
  }
}
