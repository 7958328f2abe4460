package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of file a service can produce, in the order kit renders them: the objects first (the
 * escape hatch applies to them as they render), each database provider's after the AtlasSchema,
 * then the text files, the runbook last, as it names the objects.
 */
public final class ServiceKinds {

  /** The one list. */
  static final List<ServiceKind> ALL;

  /**
   * The provider each provider kind belongs to (the first that lists it), by identity: a service
   * gets only its own provider's.
   */
  private static final IdentityHashMap<ServiceKind, DatabaseProvider> PROVIDER_OF =
      new IdentityHashMap<>();

  static {
    List<ServiceKind> all = new ArrayList<>(List.of(new ApplicationKind(), new AtlasSchemaKind()));
    for (DatabaseProvider provider : DatabaseProviders.all()) {
      for (ServiceKind kind : provider.kinds()) {
        all.add(kind);
        PROVIDER_OF.putIfAbsent(kind, provider);
      }
    }
    all.addAll(
        List.of(
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
            new RunbookKind()));
    ALL = List.copyOf(all);
  }

  private ServiceKinds() {}

  /** Every kind, in order. */
  public static List<ServiceKind> all() {
    return ALL;
  }

  /**
   * The kinds {@code service} generates, in order: a provider's only for the databases it hosts.
   */
  public static List<ServiceKind> of(Kit kit, Service service) {
    DatabaseProvider own = DatabaseProviders.of(service);
    List<ServiceKind> kinds = new ArrayList<>(ALL.size());
    for (ServiceKind kind : ALL) {
      DatabaseProvider provider = PROVIDER_OF.get(kind);
      if ((provider == null || provider == own) && kind.appliesTo(kit, service)) {
        kinds.add(kind);
      }
    }
    return Collections.unmodifiableList(kinds);
  }

  /** The kind whose objects a patch of {@code target} changes. */
  public static ServiceKind of(Patch.Target target) {
    Optional<ServiceKind> kind =
        ALL.stream().filter(k -> k.target().equals(Optional.of(target))).findFirst();
    return kind.orElseThrow(() -> new IllegalStateException("no kind renders " + target));
  }
}
