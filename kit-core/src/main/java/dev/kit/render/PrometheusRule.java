package dev.kit.render;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The fields of a Prometheus Operator {@code monitoring.coreos.com/v1} PrometheusRule that kit
 * writes; null means unset.
 */
record PrometheusRule(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String API_VERSION = "monitoring.coreos.com/v1";
  static final String KIND = "PrometheusRule";

  record Spec(List<RuleGroup> groups) {}

  record RuleGroup(String name, List<Rule> rules) {}

  /** One alerting rule; {@code for} is a Java keyword, hence the explicit property name. */
  record Rule(
      String alert,
      String expr,
      @JsonProperty("for") String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {}
}
