package dev.kit.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Helm chart that an Argo CD Application installs: {@code HelmChart.of(repo, chart, version, namespace)}.
 *
 * @param repoUrl the chart repository (https, or an OCI registry host such as {@code ghcr.io/ariga/charts})
 * @param chart the chart's name
 * @param version the pinned chart version
 * @param namespace where it is installed
 * @param values chart values as a JSON-like map (strings, numbers, booleans, lists, maps), sorted by key
 */
public record HelmChart(String repoUrl, String chart, String version, String namespace, Map<String, Object> values) {

  public HelmChart {
    Objects.requireNonNull(repoUrl, "repoUrl");
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(namespace, "namespace");
    values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  public static HelmChart of(String repoUrl, String chart, String version, String namespace) {
    return new HelmChart(repoUrl, chart, version, namespace, Map.of());
  }

  /** A copy with {@code key} set to {@code value} in the chart's values. */
  public HelmChart withValue(String key, Object value) {
    Map<String, Object> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new HelmChart(repoUrl, chart, version, namespace, copy);
  }
}
