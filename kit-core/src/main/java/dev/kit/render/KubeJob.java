package dev.kit.render;

/** The fields of a {@code batch/v1} Job that kit writes; null means unset. */
record KubeJob(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  KubeJob(ObjectMetadata metadata, Spec spec) {
    this("batch/v1", "Job", metadata, spec);
  }

  record Spec(Long activeDeadlineSeconds, Integer backoffLimit, PodTemplate template) {}
}
