package dev.kit.render;

import dev.kit.golden.GoldenCases;
import dev.kit.input.KitInputs;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.RepositoryRoot;
import dev.kit.testing.SourceTree;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The objects each golden case renders, before they become YAML: every service's in every
 * environment, then the platform's. What the tests of the object-to-YAML paths compare.
 */
final class GoldenObjects {

  private GoldenObjects() {}

  /** The golden cases' names, sorted. */
  static Stream<String> cases() {
    return GoldenCases.CASES.keySet().stream().sorted();
  }

  /** The descriptions case {@code name} renders: one per environment, or itself without any. */
  static List<Kit> views(String name) {
    Kit kit = GoldenCases.CASES.get(name).get();
    return kit.environments().isEmpty()
        ? List.of(kit)
        : kit.environments().stream().map(env -> kit.in(env.name())).toList();
  }

  /** Every object case {@code name} renders, in render order. */
  static List<Object> of(String name) {
    Kit kit = GoldenCases.CASES.get(name).get();
    KitInputs inputs =
        KitInputs.read(
            RepositoryRoot.of(SourceTree.testResources().resolve("golden").resolve(name)), kit);
    List<Object> objects = new ArrayList<>();
    List<Kit> views = views(name);
    for (Kit view : views) {
      for (Service service : view.services()) {
        ServiceContext context =
            new ServiceContext(
                view,
                service,
                "test",
                inputs.migrations(service.name()).orElse(null),
                inputs.schema(service.name()).orElse(null));
        for (ServiceKind kind : ServiceKinds.of(view, service)) {
          for (ServiceFile file : kind.render(context)) {
            if (file instanceof ServiceFile.Manifest manifest) {
              objects.add(manifest.object());
              // Later kinds read the names of earlier ones (the Job names the ConfigMap).
              context.record(kind.target().orElseThrow(), ManifestYaml.name(manifest.object()));
            }
          }
        }
      }
      PlatformContext platform = new PlatformContext(view, views, java.util.Set.of());
      for (PlatformKind kind : PlatformKinds.of(view)) {
        objects.add(kind.render(platform));
      }
    }
    return objects;
  }
}
