package dev.kit.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** The fields of a {@code batch/v1} Job that kit writes; null means unset. */
record KubeJob(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  KubeJob(ObjectMeta metadata, Spec spec) {
    this("batch/v1", "Job", metadata, spec);
  }

  record Spec(Long activeDeadlineSeconds, Integer backoffLimit, PodTemplate template) {}
}
