package dev.kit.render;

import java.util.List;
import java.util.Map;

/**
 * The fields of a Prometheus Operator {@code monitoring.coreos.com/v1} PodMonitor that kit writes;
 * null means unset.
 */
record PodMonitor(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String API_VERSION = "monitoring.coreos.com/v1";
  static final String KIND = "PodMonitor";

  record Spec(Selector selector, List<PodMetricsEndpoint> podMetricsEndpoints) {}

  record Selector(Map<String, String> matchLabels) {}

  record PodMetricsEndpoint(String port) {}
}
