package dev.kit.render;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code argocd-cm} health checks a wave gate needs but the Argo CD in use lacks: Argo CD waits for a
 * wave's resources to be healthy, and a resource without a health check counts as healthy at once. Kit
 * writes them only when needed: for CNPG Clusters before Argo CD 3.1, for Atlas resources before 2.10, and
 * for child Applications in app-of-apps (Argo CD removed that check in 1.8).
 */
final class ArgoHealthChecks {

  private static final String PREFIX = "resource.customizations.health.";

  /** Healthy once CNPG reports the cluster Ready; degraded on a failed phase; progressing otherwise. */
  static final String CNPG_CLUSTER = """
      hs = {}
      if obj.status ~= nil then
        if obj.status.conditions ~= nil then
          for _, condition in ipairs(obj.status.conditions) do
            if condition.type == "Ready" and condition.status == "True" then
              hs.status = "Healthy"
              hs.message = obj.status.phase
              return hs
            end
          end
        end
        if obj.status.phase ~= nil and string.find(obj.status.phase, "fail") ~= nil then
          hs.status = "Degraded"
          hs.message = obj.status.phase
          return hs
        end
      end
      hs.status = "Progressing"
      hs.message = "Waiting for the CloudNativePG cluster to be ready"
      if obj.status ~= nil and obj.status.phase ~= nil then
        hs.message = obj.status.phase
      end
      return hs
      """;

  /** Healthy when the Atlas operator reports Ready; degraded when it reports a failure; progressing otherwise. */
  static final String ATLAS = """
      hs = {}
      if obj.status ~= nil and obj.status.conditions ~= nil then
        for _, condition in ipairs(obj.status.conditions) do
          if condition.type == "Ready" then
            if condition.status == "True" then
              hs.status = "Healthy"
            elseif condition.reason == "Reconciling" or condition.reason == "GettingDevDB" then
              hs.status = "Progressing"
            else
              hs.status = "Degraded"
            end
            hs.message = condition.message
            return hs
          end
        end
      end
      hs.status = "Progressing"
      hs.message = "Waiting for the Atlas operator"
      return hs
      """;

  /** Argo CD's documented check for child Applications (removed from Argo CD itself in 1.8). */
  static final String APPLICATION = """
      hs = {}
      hs.status = "Progressing"
      hs.message = ""
      if obj.status ~= nil then
        if obj.status.health ~= nil then
          hs.status = obj.status.health.status
          if obj.status.health.message ~= nil then
            hs.message = obj.status.health.message
          end
        end
      end
      return hs
      """;

  private ArgoHealthChecks() {}

  /** The {@code argocd-cm} keys this kit needs, or empty when the Argo CD in use has them all built in. */
  static Optional<ConfigMap> configMap(Kit kit, boolean usesAtlasOperator) {
    ArgoCd argo = kit.repository().argoCd();
    int[] version = version(argo.version());
    Map<String, String> data = new TreeMap<>();
    if (before(version, 3, 1)) {
      data.put(PREFIX + "postgresql.cnpg.io_Cluster", CNPG_CLUSTER);
    }
    if (usesAtlasOperator && before(version, 2, 10)) {
      data.put(PREFIX + "db.atlasgo.io_AtlasMigration", ATLAS);
      data.put(PREFIX + "db.atlasgo.io_AtlasSchema", ATLAS);
    }
    if (argo.delivery() == ArgoCd.Delivery.APP_OF_APPS) {
      data.put(PREFIX + "argoproj.io_Application", APPLICATION);
    }
    if (data.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ConfigMapBuilder()
        .withNewMetadata()
        .withName("argocd-cm")
        .withNamespace(argo.namespace())
        .addToLabels("app.kubernetes.io/name", "argocd-cm")
        .addToLabels("app.kubernetes.io/part-of", "argocd")
        .endMetadata()
        .withData(data)
        .build());
  }

  /** {@code major.minor} of a version such as {@code 3.5}, {@code v2.9.3}; validated before rendering. */
  static int[] version(String version) {
    String[] parts = version.replaceFirst("^v", "").split("\\.");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  private static boolean before(int[] version, int major, int minor) {
    return version[0] < major || (version[0] == major && version[1] < minor);
  }
}
