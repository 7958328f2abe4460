package dev.kit.render;

import java.util.Map;

/** The fields of an {@code apps/v1} Deployment that kit writes; null means unset. */
record KubeDeployment(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  KubeDeployment(ObjectMetadata metadata, Spec spec) {
    this("apps/v1", "Deployment", metadata, spec);
  }

  record Spec(Integer replicas, Selector selector, PodTemplate template) {}

  record Selector(Map<String, String> matchLabels) {}
}
