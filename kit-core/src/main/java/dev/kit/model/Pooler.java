package dev.kit.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * PgBouncer in front of the cluster: CNPG {@code Pooler}s for the primary ({@code rw}) and, optionally,
 * the replicas ({@code ro}).
 *
 * <pre>{@code
 * Pooler pooler = Pooler.builder().instances(2).poolMode(Pooler.PoolMode.TRANSACTION)
 *     .parameter("max_client_conn", "1000").readOnly(true).build();
 * }</pre>
 *
 * @param instances PgBouncer pods per pooler
 * @param poolMode session or transaction pooling, or empty for CNPG's default (session)
 * @param parameters PgBouncer parameters, sorted by name
 * @param readOnly whether a second pooler serves the replicas
 */
public record Pooler(int instances, Optional<PoolMode> poolMode, Map<String, String> parameters, boolean readOnly) {

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

  public Pooler {
    Objects.requireNonNull(poolMode, "poolMode");
    parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Pooler}; every field has a default. */
  public static final class Builder {
    private int instances = 2;
    private PoolMode poolMode;
    private final Map<String, String> parameters = new TreeMap<>();
    private boolean readOnly;

    private Builder() {}

    public Builder instances(int instances) {
      this.instances = instances;
      return this;
    }

    public Builder poolMode(PoolMode poolMode) {
      this.poolMode = Objects.requireNonNull(poolMode, "poolMode");
      return this;
    }

    public Builder parameter(String name, String value) {
      parameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Pooler build() {
      return new Pooler(instances, Optional.ofNullable(poolMode), parameters, readOnly);
    }
  }
}
