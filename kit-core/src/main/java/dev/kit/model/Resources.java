package dev.kit.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Container CPU and memory requests and limits, as Kubernetes quantities.
 *
 * <pre>{@code
 * Resources r = Resources.requests("500m", "1Gi").withLimits(null, "2Gi"); // no CPU limit
 * }</pre>
 *
 * @param requests {@code cpu} and/or {@code memory} requests
 * @param limits {@code cpu} and/or {@code memory} limits
 */
public record Resources(Map<String, String> requests, Map<String, String> limits) {

  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";

  public Resources {
    Objects.requireNonNull(
        requests,
        "Resources(requests, limits): requests is null; pass a map such as Map.of(\"cpu\", \"500m\"), or Map.of()");
    Objects.requireNonNull(
        limits,
        "Resources(requests, limits): limits is null; pass a map such as Map.of(\"memory\", \"1Gi\"), or Map.of()");
    requests = Collections.unmodifiableSortedMap(new TreeMap<>(requests));
    limits = Collections.unmodifiableSortedMap(new TreeMap<>(limits));
  }

  /** Requests of {@code cpu} and {@code memory}; either may be {@code null} to leave it out. */
  public static Resources requests(@Nullable String cpu, @Nullable String memory) {
    return new Resources(pair(cpu, memory), Map.of());
  }

  /**
   * A copy with limits of {@code cpu} and {@code memory}; either may be {@code null} to leave it
   * out.
   */
  public Resources withLimits(@Nullable String cpu, @Nullable String memory) {
    return new Resources(requests, pair(cpu, memory));
  }

  private static Map<String, String> pair(@Nullable String cpu, @Nullable String memory) {
    Map<String, String> map = new TreeMap<>();
    if (cpu != null) {
      map.put(CPU, cpu);
    }
    if (memory != null) {
      map.put(MEMORY, memory);
    }
    return map;
  }
}
