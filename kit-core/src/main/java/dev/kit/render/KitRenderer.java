package dev.kit.render;

import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.layout.RepositoryLayout;
import dev.kit.layout.ServiceLayout;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link ValidatedKit} into a {@link FilePlan}: each service's files by the {@link
 * ServiceKinds} it generates, then the platform's by the {@link PlatformKinds} the description
 * needs. Services render in parallel; the bytes are the same either way.
 */
public final class KitRenderer {

  /** Below this many services, forking work to other threads costs more than it saves. */
  private static final int PARALLEL_THRESHOLD = 8;

  private final String source;
  private final boolean parallel;

  /**
   * Every manifest's first line, encoded on first use (a source it cannot name fails the render, as
   * it always did); rendering threads may each encode it, to the same bytes.
   */
  private volatile byte @Nullable [] header;

  /**
   * @param source what the header names as the origin, such as the description's class name
   */
  public KitRenderer(String source) {
    this(source, true);
  }

  /**
   * @param source what the header names as the origin
   * @param parallel whether services may render on several threads; the output is the same bytes
   *     either way
   */
  public KitRenderer(String source, boolean parallel) {
    this.source = source;
    this.parallel = parallel;
  }

  private byte[] header() {
    byte[] line = header;
    if (line == null) {
      line = ManifestYaml.header(source);
      header = line;
    }
    return line;
  }

  /** Renders every service and the platform into one plan. */
  public FilePlan render(ValidatedKit kit) {
    Map<String, FilePlan> parts = new ConcurrentHashMap<>();
    FilePlan[] platform = new FilePlan[1];
    render(
        kit,
        (service, part) -> {
          if (service == null) {
            platform[0] = part;
          } else {
            parts.put(service, part);
          }
        },
        service -> true);
    FilePlan.Builder plan = FilePlan.builder();
    for (Service service : kit.kit().services()) {
      plan.include(
          Objects.requireNonNull(parts.get(service.name()), "every service renders: all wanted"));
    }
    return plan.include(platform[0]).build();
  }

  /**
   * Renders the services {@code wanted} accepts and the platform, handing each service's files to
   * {@code sink} as soon as they are rendered, on whichever thread rendered them, so memory holds
   * the services in flight rather than the whole plan; the platform always renders, from the whole
   * description, and comes last. A caller that knows the other services' files are already as they
   * would render (the generation cache) leaves them out.
   *
   * @param sink takes each rendered service's name and files, then null and the platform's files;
   *     called from several threads at once when rendering in parallel
   * @return the warnings of the services rendered and of the platform, in description order
   */
  public List<String> render(
      ValidatedKit kit, BiConsumer<@Nullable String, FilePlan> sink, Predicate<Service> wanted) {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(wanted, "wanted");
    Kit description = kit.kit();
    // Loops, not streams, where a run passes once: a lambda costs a cold run ~0.5 ms (PROFILE.md,
    // section 16.2). The parallel stream only from PARALLEL_THRESHOLD services on.
    List<Service> chosen = new ArrayList<>();
    for (Service service : description.services()) {
      if (wanted.test(service)) {
        chosen.add(service);
      }
    }
    List<Kit> environments = new ArrayList<>();
    for (Environment environment : description.environments()) {
      environments.add(description.in(environment.name()));
    }
    // Both keep description order (toList too), so the warnings come in the same order whichever
    // thread rendered what.
    List<List<String>> serviceWarnings;
    if (parallel && chosen.size() >= PARALLEL_THRESHOLD) {
      serviceWarnings =
          chosen.parallelStream()
              .map(service -> renderInEachEnvironment(kit, environments, service, sink))
              .toList();
    } else {
      serviceWarnings = new ArrayList<>();
      for (Service service : chosen) {
        serviceWarnings.add(renderInEachEnvironment(kit, environments, service, sink));
      }
    }
    List<String> warnings = new ArrayList<>();
    for (List<String> each : serviceWarnings) {
      warnings.addAll(each);
    }
    FilePlan.Builder platform = FilePlan.builder();
    // Every environment's platform warns alike: say each warning once.
    Set<String> warned = new HashSet<>();
    if (environments.isEmpty()) {
      renderPlatform(
          new PlatformContext(
              description, List.of(description), kit.inputs().retiredNamespaces("")),
          platform,
          warned);
    } else {
      for (int i = 0; i < environments.size(); i++) {
        String name = description.environments().get(i).name();
        renderPlatform(
            new PlatformContext(
                environments.get(i), environments, kit.inputs().retiredNamespaces(name)),
            platform,
            warned);
      }
    }
    FilePlan part = platform.build();
    sink.accept(null, part);
    warnings.addAll(part.warnings());
    return warnings;
  }

  /**
   * Renders {@code service} in every environment, hands its files to {@code sink}, returns its
   * warnings.
   */
  private List<String> renderInEachEnvironment(
      ValidatedKit kit,
      List<Kit> environments,
      Service service,
      BiConsumer<@Nullable String, FilePlan> sink) {
    FilePlan.Builder files = FilePlan.builder();
    List<PatchFailure> failures = new ArrayList<>();
    MigrationDirectory dir = kit.inputs().migrations(service.name()).orElse(null);
    String schema = kit.inputs().schema(service.name()).orElse(null);
    if (environments.isEmpty()) {
      renderService(kit.kit(), service, dir, schema, files, failures, new HashMap<>());
    } else {
      // The files every environment shares (atlas.sum, atlas.hcl) are planned once; each must
      // render the same bytes.
      Map<String, byte[]> shared = new HashMap<>();
      for (Kit there : environments) {
        Optional<Service> seen = there.service(service.name());
        if (seen.isPresent()) {
          renderService(there, seen.get(), dir, schema, files, failures, shared);
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          "validation let patches through that do not fit: " + failures);
    }
    if (dir != null) {
      // Once per service, not per environment: they all share the folder.
      for (String warning : MigrationNameWarnings.of(service, dir)) {
        files.warn(warning);
      }
    }
    FilePlan part = files.build();
    sink.accept(service.name(), part);
    return part.warnings();
  }

  /**
   * The patches of {@code service} that do not fit their objects, found by rendering it: for
   * validation, which reports them with the description's other violations. The service must be
   * valid on its own, or it may not render.
   */
  public List<PatchFailure> patchFailures(Kit kit, KitInputs inputs, Service service) {
    List<PatchFailure> failures = new ArrayList<>();
    renderService(
        kit,
        service,
        inputs.migrations(service.name()).orElse(null),
        inputs.schema(service.name()).orElse(null),
        FilePlan.builder(),
        failures,
        new HashMap<>());
    return failures;
  }

  private void renderPlatform(PlatformContext context, FilePlan.Builder plan, Set<String> warned) {
    Kit kit = context.kit();
    String environment = kit.environment().isPresent() ? kit.environment().get().name() : null;
    for (PlatformKind kind : PlatformKinds.of(kit)) {
      plan.add(
          RepositoryLayout.platformFile(environment, kind.file()),
          ManifestYaml.objectFile(header(), kind.render(context)));
    }
    for (String warning : PlatformRenderer.warnings(kit)) {
      if (warned.add(warning)) {
        plan.warn(warning);
      }
    }
  }

  /**
   * Renders each kind {@code service} generates, in {@link ServiceKinds} order, as {@code kit} sees
   * it (an environment's view, or the description without environments).
   *
   * @param shared the files every environment plans once, by path (atlas.sum, atlas.hcl): the first
   *     environment adds them, the others must render the same bytes
   */
  private void renderService(
      Kit kit,
      Service service,
      @Nullable MigrationDirectory dir,
      @Nullable String schemaSql,
      FilePlan.Builder plan,
      List<PatchFailure> failures,
      Map<String, byte[]> shared) {
    ServiceContext context = new ServiceContext(kit, service, source, dir, schemaSql);
    String where =
        kit.environment().isPresent()
            ? "environments[" + kit.environment().get().name() + "]."
            : "";
    ObjectRenderer objects = new ObjectRenderer(service, failures, where);
    for (ServiceKind kind : ServiceKinds.of(kit, service)) {
      for (ServiceFile file : kind.render(context)) {
        if (file instanceof ServiceFile.Manifest manifest) {
          if (kind.target().isEmpty()) {
            throw new IllegalStateException(kind + " renders objects without a patch target");
          }
          Patch.Target target = kind.target().get();
          context.record(
              target,
              objects.add(
                  plan, context.layout().deployedFile(file.file()), target, manifest.object()));
        } else if (file instanceof ServiceFile.Text text
            && !file.file().equals(ServiceLayout.ATLAS_PROJECT)) {
          plan.add(context.layout().deployedFile(file.file()), text.content());
        } else if (file instanceof ServiceFile.Text text) {
          // One atlas.hcl per service, beside its migrations: the same bytes in every environment's
          // ConfigMap.
          String path = context.layout().file(file.file());
          if (shareOnce(shared, path, text.content())) {
            plan.add(path, text.content());
          }
        } else if (file instanceof ServiceFile.AtlasSumFile sum) {
          String path = context.layout().file(file.file());
          if (shareOnce(shared, path, sum.content())) {
            plan.addAtlasSum(path, sum.content());
          }
        }
      }
    }
    for (String warning : context.warnings()) {
      plan.warn(warning);
    }
  }

  /**
   * Whether {@code path} is not planned yet (so the caller adds it); when it is, its bytes must be
   * {@code bytes}: validation keeps every environment's migrations the same, and this holds it.
   */
  private static boolean shareOnce(Map<String, byte[]> shared, String path, byte[] bytes) {
    byte[] first = shared.putIfAbsent(path, bytes);
    if (first != null && !Arrays.equals(first, bytes)) {
      throw new IllegalStateException(
          "validation let environments through whose " + path + " differs");
    }
    return first == null;
  }

  /** Serializes one service's objects, applying the patches that target each. */
  private final class ObjectRenderer {
    private final Service service;
    private final List<PatchFailure> failures;
    private final String where;

    /**
     * @param where the environment's prefix of a patch's path in the description, or empty
     */
    ObjectRenderer(Service service, List<PatchFailure> failures, String where) {
      this.service = service;
      this.failures = failures;
      this.where = where;
    }

    /** Adds the object to the plan and returns its name. */
    String add(FilePlan.Builder plan, String path, Patch.Target target, Object object) {
      List<Patch> patches = service.patches();
      if (!targeted(patches, target)) {
        // Most objects: straight to YAML bytes, without the tree only patches need.
        plan.add(path, ManifestYaml.objectFile(header(), object));
        return ManifestYaml.name(object);
      }
      ObjectNode tree = ManifestYaml.tree(object);
      String name = tree.path("metadata").path("name").asString();
      for (int i = 0; i < patches.size(); i++) {
        Patch patch = patches.get(i);
        if (patch.target() != target) {
          continue;
        }
        String problem = JsonPatches.apply(tree, patch);
        PatchFailure failure =
            problem == null
                ? null
                : new PatchFailure(
                    where + "services[" + service.name() + "].patches[" + i + "]",
                    "cannot "
                        + patch.op().name().toLowerCase(java.util.Locale.ROOT)
                        + " "
                        + patch.path()
                        + " on the "
                        + target
                        + ": "
                        + problem,
                    "check the path against the object in " + path);
        if (failure != null && !failures.contains(failure)) {
          failures.add(failure);
        }
      }
      plan.add(path, ManifestYaml.file(header(), tree));
      return name;
    }

    private static boolean targeted(List<Patch> patches, Patch.Target target) {
      for (Patch patch : patches) {
        if (patch.target() == target) {
          return true;
        }
      }
      return false;
    }
  }
}
