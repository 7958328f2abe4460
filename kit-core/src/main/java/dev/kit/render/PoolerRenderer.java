package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Pooler;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders PgBouncer {@code Pooler}s in the database's wave (-2), out of the migration hook's,
 * before the application. CNPG authenticates clients through its own {@code auth_query} user, so no
 * Secret is needed here. PgBouncer presents the cluster's server certificate to clients (CNPG
 * defaults a Pooler's client TLS Secret to the cluster's server TLS Secret), so the Pooler's
 * Service names must be in that certificate for {@code verify-full}.
 */
final class PoolerRenderer {

  private PoolerRenderer() {}

  /**
   * The Cluster's extra server certificate names: each Pooler's Service (CNPG names it after the
   * Pooler) in the four forms CNPG gives its own {@code -rw}, {@code -ro} and {@code -r} Services,
   * the last with CNPG's default cluster domain ({@code cluster.local}); null without a pooler.
   */
  static CnpgCluster.@Nullable Certificates certificates(Service service) {
    Pooler pooler = service.database().pooler().orElse(null);
    if (pooler == null) {
      return null;
    }
    List<String> names = new ArrayList<>(8);
    for (String type : pooler.readOnly() ? List.of("rw", "ro") : List.of("rw")) {
      String host = service.poolerName(type);
      names.add(host);
      names.add(host + "." + service.namespace());
      names.add(host + "." + service.namespace() + ".svc");
      names.add(host + "." + service.namespace() + ".svc.cluster.local");
    }
    return new CnpgCluster.Certificates(names);
  }

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
        ObjectMetadata.builder()
            .withName(service.poolerName(type))
            .withNamespace(service.namespace())
            .addToAnnotations(SyncWave.ANNOTATION, SyncWave.DATABASE.annotationValue())
            .withLabels(KitLabels.of(kit, service, "pooler"))
            .build(),
        new CnpgPooler.Spec(
            new CnpgPooler.ClusterReference(service.clusterName()),
            pooler.instances(),
            type,
            new CnpgPooler.PgBouncer(
                pooler.poolMode().isPresent() ? pooler.poolMode().get().value() : null,
                pooler.parameters().isEmpty() ? null : pooler.parameters())));
  }
}
