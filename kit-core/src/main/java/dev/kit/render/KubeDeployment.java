package dev.kit.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/** The fields of an {@code apps/v1} Deployment that kit writes; null means unset. */
record KubeDeployment(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  KubeDeployment(ObjectMeta metadata, Spec spec) {
    this("apps/v1", "Deployment", metadata, spec);
  }

  record Spec(Integer replicas, Selector selector, PodTemplate template) {}

  record Selector(Map<String, String> matchLabels) {}
}
