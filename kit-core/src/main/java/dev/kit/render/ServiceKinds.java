package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every kind of file a service can produce, in the order kit renders them: the objects first (the
 * escape hatch applies to them as they render), each database provider's after the AtlasSchema,
 * then the text files, the runbook last, as it names the objects.
 */
public final class ServiceKinds {

  /** The one list. */
  static final List<ServiceKind> ALL =
      Stream.of(
              Stream.of(new ApplicationKind(), new AtlasSchemaKind()),
              DatabaseProviders.all().stream().flatMap(provider -> provider.kinds().stream()),
              Stream.of(
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
                  new RunbookKind()))
          .flatMap(kinds -> kinds)
          .toList();

  private ServiceKinds() {}

  /** Every kind, in order. */
  public static List<ServiceKind> all() {
    return ALL;
  }

  /**
   * The kinds {@code service} generates, in order: a provider's only for the databases it hosts.
   */
  public static List<ServiceKind> of(Kit kit, Service service) {
    DatabaseProvider provider = DatabaseProviders.of(service);
    return ALL.stream()
        .filter(
            kind ->
                providerOf(kind).map(p -> p == provider).orElse(true)
                    && kind.appliesTo(kit, service))
        .toList();
  }

  /** The provider whose kind {@code kind} is, or empty for a kind of every service. */
  private static Optional<DatabaseProvider> providerOf(ServiceKind kind) {
    return DatabaseProviders.all().stream()
        .filter(provider -> provider.kinds().contains(kind))
        .findFirst();
  }

  /** The kind whose objects a patch of {@code target} changes. */
  public static ServiceKind of(Patch.Target target) {
    Optional<ServiceKind> kind =
        ALL.stream().filter(k -> k.target().equals(Optional.of(target))).findFirst();
    return kind.orElseThrow(() -> new IllegalStateException("no kind renders " + target));
  }
}
