package dev.kit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The Prometheus Operator kinds kit writes ({@code monitoring.coreos.com/v1} PodMonitor and PrometheusRule)
 * have no CRD in {@code ../shared/crds}. Rather than skip them, these are kit's own structural checks of the
 * fields the operator's CRD defines for what kit writes; they are weaker than the upstream schema, and the
 * schema test reports these kinds as checked by them.
 */
final class PrometheusOperatorRules {

  static final Set<UpstreamSchemas.Key> KINDS = Set.of(
      new UpstreamSchemas.Key("monitoring.coreos.com/v1", "PodMonitor"),
      new UpstreamSchemas.Key("monitoring.coreos.com/v1", "PrometheusRule"));

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  private static final Set<String> POD_MONITOR_SPEC = Set.of(
      "selector", "podMetricsEndpoints", "namespaceSelector", "jobLabel", "podTargetLabels", "sampleLimit");
  private static final Set<String> ENDPOINT = Set.of("port", "path", "interval", "scheme", "relabelings", "metricRelabelings");
  private static final Set<String> RULE_SPEC = Set.of("groups");
  private static final Set<String> GROUP = Set.of("name", "rules", "interval", "labels");
  private static final Set<String> RULE = Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");
  /** The operator CRD's pattern for {@code for}: a Prometheus duration. */
  private static final Pattern DURATION = Pattern.compile("(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)");

  private PrometheusOperatorRules() {}

  static List<String> check(String where, UpstreamSchemas.Key key, JsonNode object) {
    List<String> problems = new ArrayList<>();
    only(problems, where, "$", object, TOP);
    if (object.path("metadata").path("name").asString("").isEmpty()) {
      problems.add(where + ": $.metadata.name: [required] missing");
    }
    JsonNode spec = object.path("spec");
    if (key.kind().equals("PodMonitor")) {
      only(problems, where, "$.spec", spec, POD_MONITOR_SPEC);
      if (!spec.path("selector").isObject()) {
        problems.add(where + ": $.spec.selector: [required] missing");
      }
      JsonNode endpoints = spec.path("podMetricsEndpoints");
      if (!endpoints.isArray() || endpoints.isEmpty()) {
        problems.add(where + ": $.spec.podMetricsEndpoints: [minItems] no endpoint");
      }
      for (int i = 0; i < endpoints.size(); i++) {
        only(problems, where, "$.spec.podMetricsEndpoints[" + i + "]", endpoints.get(i), ENDPOINT);
      }
    } else {
      only(problems, where, "$.spec", spec, RULE_SPEC);
      JsonNode groups = spec.path("groups");
      for (int g = 0; g < groups.size(); g++) {
        String at = "$.spec.groups[" + g + "]";
        only(problems, where, at, groups.get(g), GROUP);
        if (groups.get(g).path("name").asString("").isEmpty()) {
          problems.add(where + ": " + at + ".name: [required] missing");
        }
        JsonNode rules = groups.get(g).path("rules");
        for (int r = 0; r < rules.size(); r++) {
          JsonNode rule = rules.get(r);
          String ruleAt = at + ".rules[" + r + "]";
          only(problems, where, ruleAt, rule, RULE);
          if (rule.path("expr").asString("").isBlank()) {
            problems.add(where + ": " + ruleAt + ".expr: [required] missing");
          }
          if (rule.has("for") && !DURATION.matcher(rule.path("for").asString("")).matches()) {
            problems.add(where + ": " + ruleAt + ".for: [pattern] " + rule.path("for") + " is not a Prometheus duration");
          }
          for (String map : List.of("labels", "annotations")) {
            rule.path(map).properties().forEach(e -> {
              if (!e.getValue().isString()) {
                problems.add(where + ": " + ruleAt + "." + map + "." + e.getKey() + ": [type] not a string");
              }
            });
          }
        }
      }
    }
    return problems;
  }

  private static void only(List<String> problems, String where, String at, JsonNode node, Set<String> allowed) {
    node.propertyNames().stream().filter(name -> !allowed.contains(name)).sorted()
        .forEach(name -> problems.add(where + ": " + at + "." + name + ": [additionalProperties] not a field kit's checks know"));
  }
}
