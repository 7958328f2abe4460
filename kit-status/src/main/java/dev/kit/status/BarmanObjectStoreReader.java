package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Barman Cloud plugin {@code ObjectStore}: the last successful and failed backup and the first
 * recoverability point of the cluster that archives into it, from {@code
 * status.serverRecoveryWindow[<server>]} (CRD {@code test-data/crds/barmancloud.cnpg.io}). The
 * server is the one the service's Cluster names in its plugin parameters ({@code serverName}, by
 * default the cluster's name). Argo CD has no health for the kind and kit writes none: a failed
 * backup is kit's own check, and no backup yet is not a failure.
 */
final class BarmanObjectStoreReader implements KindReader {

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("barmancloud.cnpg.io") && object.kind().equals("ObjectStore");
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    JsonNode windows = live.path("status").path("serverRecoveryWindow");
    String server = server(object, inspection.service().objects(), windows);
    JsonNode window = windows.path(server);
    Optional<java.time.Instant> last =
        Moments.parse(window.path("lastSuccessfulBackupTime").asString(""));
    Optional<java.time.Instant> failed =
        Moments.parse(window.path("lastFailedBackupTime").asString(""));
    Optional<java.time.Instant> first =
        Moments.parse(window.path("firstRecoverabilityPoint").asString(""));
    Map<String, Object> facts =
        Inspection.facts(
            "serverName",
            server,
            "lastSuccessfulBackup",
            last.map(Object::toString),
            "lastFailedBackup",
            failed.map(Object::toString),
            "firstRecoverabilityPoint",
            first.map(Object::toString));
    Moments moments = inspection.moments();
    if (failed.isPresent() && (last.isEmpty() || failed.get().isAfter(last.get()))) {
      List<String> parts =
          new ArrayList<>(List.of("last backup failed " + moments.at(failed.get())));
      last.ifPresent(at -> parts.add("last good " + moments.at(at)));
      return Inspection.finding(
          object,
          column(object),
          Health.DEGRADED,
          String.join(", ", parts),
          "kit's backup check, not Argo CD's (it has no health for an ObjectStore): kubectl get"
              + " backups -n "
              + object.namespace()
              + " shows the failed Backup and its error (credentials, bucket,"
              + " network); the Cluster's line says whether WAL archiving still works (its"
              + " ContinuousArchiving condition)",
          facts);
    }
    if (last.isEmpty()) {
      // Not a failure: a new cluster waits for the ScheduledBackup's first run, and Argo CD
      // reports nothing here.
      return Inspection.finding(object, column(object), Health.HEALTHY, "no backup yet", "", facts);
    }
    return Inspection.finding(
        object, column(object), Health.HEALTHY, "last backup " + moments.at(last.get()), "", facts);
  }

  @Override
  public Needs needs(PlannedObject object) {
    List<Needs.SecretUse> secrets = new ArrayList<>();
    SecretReferences.credentials(
        object.body().path("spec").path("configuration"),
        object.namespace(),
        "the ObjectStore " + object.name(),
        secrets);
    return new Needs(
        List.of(),
        secrets,
        List.of(),
        List.of(
            new Needs.KindUse(
                "cert-manager.io",
                "Certificate",
                "the Barman Cloud plugin gets its TLS certificates from cert-manager")));
  }

  /**
   * The server whose window to show: the service's Cluster that archives here, else the only one
   * reported.
   */
  private static String server(PlannedObject store, List<PlannedObject> objects, JsonNode windows) {
    for (PlannedObject cluster : objects) {
      if (cluster.group().equals("postgresql.cnpg.io") && cluster.kind().equals("Cluster")) {
        for (JsonNode plugin : cluster.body().path("spec").path("plugins").values()) {
          JsonNode parameters = plugin.path("parameters");
          if (parameters.path("barmanObjectName").asString("").equals(store.name())) {
            return parameters.path("serverName").asString(cluster.name());
          }
        }
      }
    }
    List<String> servers = new ArrayList<>(windows.propertyNames());
    return servers.size() == 1 ? servers.get(0) : "";
  }
}
