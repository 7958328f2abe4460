package dev.kit.render;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an Argo CD {@code argoproj.io/v1alpha1} Application that kit writes; null means
 * unset.
 */
record ArgoApplication(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String API_VERSION = "argoproj.io/v1alpha1";
  static final String KIND = "Application";

  record Spec(String project, Source source, Destination destination, SyncPolicy syncPolicy) {}

  record Source(
      String repoURL,
      String targetRevision,
      @Nullable String path,
      @Nullable String chart,
      @Nullable Directory directory,
      @Nullable Helm helm) {}

  record Directory(Boolean recurse, @Nullable String include, @Nullable String exclude) {}

  /**
   * {@code releaseName} keeps the chart's object names when the Application's name carries an
   * environment.
   */
  record Helm(@Nullable String releaseName, @Nullable Map<String, Object> valuesObject) {}

  /** Either {@code server} or {@code name} (a cluster Argo CD knows by name), never both. */
  record Destination(@Nullable String name, @Nullable String server, String namespace) {
    Destination(String server, String namespace) {
      this(null, server, namespace);
    }

    /**
     * Where {@code kit}'s services and operators deploy into {@code namespace}: its environment's
     * cluster, or the repository's destination.
     */
    static Destination of(dev.kit.model.Kit kit, String namespace) {
      String server = kit.repository().argoCd().destinationServer();
      if (kit.environment().isEmpty()) {
        return new Destination(server, namespace);
      }
      dev.kit.model.Environment env = kit.environment().get();
      return env.destinationName().isPresent()
          ? new Destination(env.destinationName().get(), null, namespace)
          : new Destination(env.destinationServer().orElse(server), namespace);
    }
  }

  record SyncPolicy(Automated automated, @Nullable List<String> syncOptions, Retry retry) {}

  record Automated(Boolean prune, Boolean selfHeal) {}

  record Retry(Integer limit, Backoff backoff) {}

  record Backoff(String duration, Integer factor, String maxDuration) {}
}
