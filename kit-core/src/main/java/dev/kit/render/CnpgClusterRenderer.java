package dev.kit.render;

import dev.kit.model.Database;
import dev.kit.model.Kit;
import dev.kit.model.PostgresImages;
import dev.kit.model.Service;
import dev.kit.model.Storage;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Renders a service's database as a CloudNativePG {@code Cluster}, writing only what the model sets. */
final class CnpgClusterRenderer {

  /** CNPG deletes a cluster's volumes with it: neither pruning nor deleting the Application may remove it. */
  static final String DATA_SAFETY_SYNC_OPTIONS = "Prune=false,Delete=false";

  private CnpgClusterRenderer() {}

  static CnpgCluster render(Kit kit, Service service) {
    Database db = service.database();
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("argocd.argoproj.io/sync-options", DATA_SAFETY_SYNC_OPTIONS);
    annotations.put(SyncWave.ANNOTATION, SyncWave.DATABASE.annotationValue());
    ObjectMeta metadata = new ObjectMetaBuilder()
        .withName(service.clusterName())
        .withNamespace(service.namespace())
        .withAnnotations(annotations)
        .withLabels(KitLabels.of(kit, service, "database"))
        .build();
    CnpgCluster.Spec spec = new CnpgCluster.Spec(
        db.instances(),
        db.imageName().orElseGet(() -> PostgresImages.forMajor(db.postgresMajor()).orElseThrow()),
        db.superuserAccess(),
        db.antiAffinityTopologyKey().map(key -> new CnpgCluster.Affinity(true, key)).orElse(null),
        storage(db.storage()),
        db.walStorage().map(CnpgClusterRenderer::storage).orElse(null),
        db.resources().map(ResourceRequirementsMapper::toKubernetes).orElse(null),
        db.parameters().isEmpty() ? null : new CnpgCluster.Postgresql(db.parameters()),
        db.bootstrap().map(b -> new CnpgCluster.Bootstrap(new CnpgCluster.Initdb(b.database(), b.owner()))).orElse(null));
    return new CnpgCluster(CnpgCluster.API_VERSION, CnpgCluster.KIND, metadata, spec);
  }

  private static CnpgCluster.StorageConfiguration storage(Storage storage) {
    return new CnpgCluster.StorageConfiguration(storage.size(), storage.storageClass().orElse(null));
  }
}
