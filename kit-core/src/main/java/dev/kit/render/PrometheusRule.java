package dev.kit.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields of a Prometheus Operator {@code monitoring.coreos.com/v1} PrometheusRule that kit
 * writes; null means unset.
 */
record PrometheusRule(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String API_VERSION = "monitoring.coreos.com/v1";
  static final String KIND = "PrometheusRule";

  record Spec(List<RuleGroup> groups) {}

  record RuleGroup(String name, List<Map<String, Object>> rules) {}

  /**
   * One alerting rule, as a map: its key {@code for} is a Java keyword, which a record component
   * could only be renamed to by an annotation, and reading one at run time costs a cold run ~20 ms
   * (PROFILE.md, section 16.2).
   */
  static Map<String, Object> rule(
      String alert,
      String expr,
      String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {
    // In a fixed order, so that even a walk in map order is the same on every run.
    // Every key is written: a null would reach data binding as "for: null", where the record left
    // the field out.
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put(
        "alert",
        Objects.requireNonNull(alert, "a PrometheusRule rule's alert (every key is written)"));
    rule.put(
        "expr",
        Objects.requireNonNull(expr, "a PrometheusRule rule's expr (every key is written)"));
    rule.put(
        "for",
        Objects.requireNonNull(forDuration, "a PrometheusRule rule's for (every key is written)"));
    rule.put(
        "labels",
        Objects.requireNonNull(labels, "a PrometheusRule rule's labels (every key is written)"));
    rule.put(
        "annotations",
        Objects.requireNonNull(
            annotations, "a PrometheusRule rule's annotations (every key is written)"));
    return Collections.unmodifiableMap(rule);
  }
}
