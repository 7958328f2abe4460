package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.model.Service;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders PgBouncer {@code Pooler}s at wave -1: after the cluster is healthy, before the application.
 * CNPG authenticates clients through its own {@code auth_query} user, so no Secret is needed here.
 */
final class PoolerRenderer {

  private PoolerRenderer() {}

  /** The rw pooler, and the ro one when asked for. */
  static List<CnpgPooler> render(Kit kit, Service service) {
    Pooler pooler = service.database().pooler().orElseThrow();
    List<CnpgPooler> poolers = new ArrayList<>(2);
    poolers.add(pooler(kit, service, pooler, "rw"));
    if (pooler.readOnly()) {
      poolers.add(pooler(kit, service, pooler, "ro"));
    }
    return poolers;
  }

  private static CnpgPooler pooler(Kit kit, Service service, Pooler pooler, String type) {
    return new CnpgPooler(
        CnpgCluster.API_VERSION,
        CnpgPooler.KIND,
        new ObjectMetaBuilder()
            .withName(service.poolerName(type))
            .withNamespace(service.namespace())
            .addToAnnotations(SyncWave.ANNOTATION, SyncWave.MIGRATION.annotationValue())
            .withLabels(KitLabels.of(kit, service, "pooler"))
            .build(),
        new CnpgPooler.Spec(
            new CnpgPooler.ClusterReference(service.clusterName()),
            pooler.instances(),
            type,
            new CnpgPooler.PgBouncer(
                pooler.poolMode().map(Pooler.PoolMode::value).orElse(null),
                pooler.parameters().isEmpty() ? null : pooler.parameters())));
  }
}
