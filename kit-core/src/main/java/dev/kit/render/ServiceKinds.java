package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of file a service can produce, in the order kit renders them: the objects first (the escape hatch
 * applies to them as they render), then the text files, the runbook last, as it names the objects.
 */
public final class ServiceKinds {

  /** The one list. */
  static final List<ServiceKind> ALL = List.of(
      new ApplicationKind(),
      new AtlasSchemaKind(),
      new ClusterKind(),
      new ObjectStoreKind(),
      new ScheduledBackupKind(),
      new PoolerKind(),
      new AppDeploymentKind(),
      new AppServiceKind(),
      new OwnAppKind(),
      new PodMonitorKind(),
      new PrometheusRuleKind(),
      new MigrationsConfigMapKind(),
      new AtlasMigrationKind(),
      new MigrationJobKind(),
      new AtlasSumKind(),
      new AtlasProjectKind(),
      new RunbookKind());

  private ServiceKinds() {}

  /** Every kind, in order. */
  public static List<ServiceKind> all() {
    return ALL;
  }

  /** The kinds {@code service} generates, in order. */
  public static List<ServiceKind> of(Kit kit, Service service) {
    return ALL.stream().filter(kind -> kind.appliesTo(kit, service)).toList();
  }

  /** The kind whose objects a patch of {@code target} changes. */
  public static ServiceKind of(Patch.Target target) {
    Optional<ServiceKind> kind = ALL.stream().filter(k -> k.target().equals(Optional.of(target))).findFirst();
    return kind.orElseThrow(() -> new IllegalStateException("no kind renders " + target));
  }
}
