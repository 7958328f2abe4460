package dev.kit.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/** The fields of an Argo CD {@code argoproj.io/v1alpha1} Application that kit writes; null means unset. */
record ArgoApplication(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  static final String API_VERSION = "argoproj.io/v1alpha1";
  static final String KIND = "Application";

  record Spec(String project, Source source, Destination destination, SyncPolicy syncPolicy) {}

  record Source(String repoURL, String targetRevision, String path, String chart, Directory directory, Helm helm) {}

  record Directory(Boolean recurse, String include, String exclude) {}

  record Helm(Map<String, Object> valuesObject) {}

  record Destination(String server, String namespace) {}

  record SyncPolicy(Automated automated, List<String> syncOptions, Retry retry) {}

  record Automated(Boolean prune, Boolean selfHeal) {}

  record Retry(Integer limit, Backoff backoff) {}

  record Backoff(String duration, Integer factor, String maxDuration) {}
}
