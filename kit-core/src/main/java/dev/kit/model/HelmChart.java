package dev.kit.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Helm chart that an Argo CD Application installs.
 *
 * <pre>{@code
 * HelmChart chart = HelmChart.builder()
 *     .repoUrl("https://charts.jetstack.io").chart("cert-manager").version("v1.21.1").namespace("cert-manager")
 *     .value("crds", Map.of("enabled", true))
 *     .build();
 * }</pre>
 */
public final class HelmChart {

  private final String repoUrl;
  private final String chart;
  private final String version;
  private final String namespace;
  private final Map<String, Object> values;

  private HelmChart(
      String repoUrl, String chart, String version, String namespace, Map<String, Object> values) {
    this.repoUrl = repoUrl;
    this.chart = chart;
    this.version = version;
    this.namespace = namespace;
    this.values = sortedCopy(values);
  }

  /**
   * {@code values} with every nested map sorted by key too, as the YAML writer prints them: a map
   * whose iteration order is not its content (such as {@code Map.of}'s, which changes from one JVM
   * to the next) would otherwise give the generation cache's fingerprint a new value every run.
   */
  private static Map<String, Object> sortedCopy(Map<String, Object> values) {
    Map<String, Object> copy = new TreeMap<>();
    // A value that contains itself is kept as given, for validation to report where.
    values.forEach(
        (key, value) ->
            copy.put(
                key,
                isTree(value, Collections.newSetFromMap(new IdentityHashMap<>()))
                    ? sorted(value)
                    : value));
    return Collections.unmodifiableMap(copy);
  }

  /** Whether no map or list inside {@code value} contains itself; {@code path} is scratch. */
  private static boolean isTree(@Nullable Object value, Set<Object> path) {
    Collection<?> children;
    if (value instanceof Map<?, ?> map) {
      children = map.values();
    } else if (value instanceof List<?> list) {
      children = list;
    } else {
      return true;
    }
    if (!path.add(value)) {
      return false;
    }
    for (Object child : children) {
      if (!isTree(child, path)) {
        return false;
      }
    }
    path.remove(value);
    return true;
  }

  private static @Nullable Object sorted(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, @Nullable Object> copy = new TreeMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String)) {
          return value; // not a chart value the YAML writer takes; kept as given
        }
        copy.put(entry.getKey(), sorted(entry.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(sorted(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /**
   * Shorthand for {@code
   * builder().repoUrl(repoUrl).chart(chart).version(version).namespace(namespace).build()}.
   */
  public static HelmChart of(String repoUrl, String chart, String version, String namespace) {
    return new HelmChart(
        Objects.requireNonNull(
            repoUrl,
            "HelmChart.of(repoUrl, chart, version, namespace): repoUrl is null; "
                + "pass the chart repository, such as https://charts.jetstack.io"),
        Objects.requireNonNull(
            chart,
            "HelmChart.of(repoUrl, chart, version, namespace): chart is null; "
                + "pass the chart's name, such as cert-manager"),
        Objects.requireNonNull(
            version,
            "HelmChart.of(repoUrl, chart, version, namespace): version is null; "
                + "pass the pinned chart version, such as v1.21.1"),
        Objects.requireNonNull(
            namespace,
            "HelmChart.of(repoUrl, chart, version, namespace): namespace is null; "
                + "pass where it is installed, such as cert-manager"),
        Map.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this chart, to change some of it. */
  public Builder toBuilder() {
    Builder builder = builder().repoUrl(repoUrl).chart(chart).version(version).namespace(namespace);
    builder.values.putAll(values);
    return builder;
  }

  /** A copy with {@code key} set to {@code value} in the chart's values. */
  public HelmChart withValue(String key, Object value) {
    Objects.requireNonNull(
        key,
        "HelmChart.withValue(key, value): key is null; pass a top-level chart value name, such as crds");
    Map<String, Object> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new HelmChart(repoUrl, chart, version, namespace, copy);
  }

  /** The chart repository (https, or an OCI registry host such as {@code ghcr.io/ariga/charts}). */
  public String repoUrl() {
    return repoUrl;
  }

  /** The chart's name. */
  public String chart() {
    return chart;
  }

  /** The pinned chart version. */
  public String version() {
    return version;
  }

  /** Where it is installed. */
  public String namespace() {
    return namespace;
  }

  /** Chart values as a JSON-like map (strings, numbers, booleans, lists, maps), sorted by key. */
  public Map<String, Object> values() {
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HelmChart that
        && repoUrl.equals(that.repoUrl)
        && chart.equals(that.chart)
        && version.equals(that.version)
        && namespace.equals(that.namespace)
        && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(repoUrl, chart, version, namespace, values);
  }

  @Override
  public String toString() {
    return "HelmChart[repoUrl="
        + repoUrl
        + ", chart="
        + chart
        + ", version="
        + version
        + ", namespace="
        + namespace
        + ", values="
        + values
        + "]";
  }

  /** Builds a {@link HelmChart}; the repository, chart, version and namespace are required. */
  public static final class Builder {
    private @Nullable String repoUrl;
    private @Nullable String chart;
    private @Nullable String version;
    private @Nullable String namespace;
    private final Map<String, Object> values = new TreeMap<>();

    private Builder() {}

    public Builder repoUrl(String repoUrl) {
      this.repoUrl =
          Objects.requireNonNull(
              repoUrl,
              "HelmChart.Builder.repoUrl(repoUrl): repoUrl is null; "
                  + "pass the chart repository, such as https://charts.jetstack.io");
      return this;
    }

    public Builder chart(String chart) {
      this.chart =
          Objects.requireNonNull(
              chart,
              "HelmChart.Builder.chart(chart): chart is null; pass the chart's name, such as cert-manager");
      return this;
    }

    public Builder version(String version) {
      this.version =
          Objects.requireNonNull(
              version,
              "HelmChart.Builder.version(version): version is null; pass the pinned chart version, such as v1.21.1");
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace =
          Objects.requireNonNull(
              namespace,
              "HelmChart.Builder.namespace(namespace): namespace is null; "
                  + "pass where the chart is installed, such as cert-manager");
      return this;
    }

    /**
     * Sets a chart value (strings, numbers, booleans, lists, maps; null unsets the chart's
     * default).
     */
    public Builder value(String key, Object value) {
      values.put(
          Objects.requireNonNull(
              key,
              "HelmChart.Builder.value(key, value): key is null; pass a top-level chart value name, such as crds"),
          value);
      return this;
    }

    public HelmChart build() {
      if (repoUrl == null || chart == null || version == null || namespace == null) {
        throw new IllegalStateException(
            "HelmChart.builder(): call repoUrl(...), chart(...), version(...) and namespace(...)"
                + " before build()");
      }
      return new HelmChart(repoUrl, chart, version, namespace, values);
    }
  }
}
