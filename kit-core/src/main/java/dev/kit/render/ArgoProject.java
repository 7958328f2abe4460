package dev.kit.render;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The fields of an Argo CD {@code argoproj.io/v1alpha1} AppProject that kit writes. */
record ArgoProject(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  record Spec(
      String description,
      List<String> sourceRepos,
      List<Destination> destinations,
      List<GroupKind> clusterResourceWhitelist,
      List<GroupKind> namespaceResourceWhitelist) {}

  record Destination(@Nullable String name, @Nullable String server, String namespace) {}

  record GroupKind(String group, String kind) {}
}
