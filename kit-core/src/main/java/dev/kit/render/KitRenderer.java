package dev.kit.render;

import dev.kit.layout.ServiceLayout;
import dev.kit.layout.RepositoryLayout;
import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.migration.AtlasSum;
import dev.kit.migration.MigrationDirectory;
import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import dev.kit.plan.FilePlan;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import dev.kit.model.Environment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a validated {@link Kit} into a {@link FilePlan}, per the layout in DESIGN.md:
 * <pre>
 * services/&lt;svc&gt;/application.yaml
 * services/&lt;svc&gt;/RUNBOOK.md
 * services/&lt;svc&gt;/atlas.hcl
 * services/&lt;svc&gt;/&lt;migrations&gt;/atlas.sum
 * services/&lt;svc&gt;/manifests/database/cluster.yaml
 * services/&lt;svc&gt;/manifests/migrations/configmap.yaml (configmap-2.yaml, ... when split)
 * services/&lt;svc&gt;/manifests/migrations/job.yaml
 * services/&lt;svc&gt;/manifests/database/objectstore.yaml, scheduledbackup.yaml, pooler-rw.yaml, pooler-ro.yaml
 * services/&lt;svc&gt;/manifests/monitoring/podmonitor.yaml, prometheusrule.yaml
 * services/&lt;svc&gt;/manifests/app/deployment.yaml, service.yaml
 * services/&lt;svc&gt;/manifests/migrations/atlasmigration.yaml or atlasschema.yaml (Atlas operator)
 * platform/appproject.yaml, cloudnative-pg.yaml, plugin-barman-cloud.yaml, atlas-operator.yaml
 * platform/root.yaml (and applicationset.yaml), argocd-cm.yaml
 * </pre>
 */
public final class KitRenderer {

  /** Below this many services, forking work to other threads costs more than it saves. */
  private static final int PARALLEL_THRESHOLD = 8;

  private final String source;
  private final boolean parallel;

  /** @param source what the header names as the origin, such as the description's class name */
  public KitRenderer(String source) {
    this(source, true);
  }

  /**
   * @param source what the header names as the origin
   * @param parallel whether services may render on several threads; the output is the same bytes either way
   */
  public KitRenderer(String source, boolean parallel) {
    this.source = source;
    this.parallel = parallel;
  }

  /** Renders every service and the platform into one plan. */
  public FilePlan render(ValidatedKit kit) {
    Map<String, FilePlan> parts = new ConcurrentHashMap<>();
    FilePlan[] platform = new FilePlan[1];
    render(kit, (service, part) -> {
      if (service == null) {
        platform[0] = part;
      } else {
        parts.put(service, part);
      }
    }, service -> true);
    FilePlan.Builder plan = FilePlan.builder();
    kit.kit().services().forEach(service -> plan.include(parts.get(service.name())));
    return plan.include(platform[0]).build();
  }

  /**
   * Renders the services {@code wanted} accepts and the platform, handing each service's files to {@code sink} as
   * soon as they are rendered, on whichever thread rendered them, so memory holds the services in flight rather than
   * the whole plan; the platform always renders, from the whole description, and comes last. A caller that knows the
   * other services' files are already as they would render (the generation cache) leaves them out.
   *
   * @param sink takes each rendered service's name and files, then null and the platform's files; called from several
   *     threads at once when rendering in parallel
   * @return the warnings of the services rendered and of the platform, in description order
   */
  public List<String> render(ValidatedKit kit, BiConsumer<String, FilePlan> sink, Predicate<Service> wanted) {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(wanted, "wanted");
    Kit description = kit.kit();
    List<Service> chosen = description.services().stream().filter(wanted).toList();
    var services = parallel && chosen.size() >= PARALLEL_THRESHOLD ? chosen.parallelStream() : chosen.stream();
    // toList keeps description order, so the warnings come in the same order whichever thread rendered what.
    List<Kit> environments = description.environments().stream().map(env -> description.in(env.name())).toList();
    List<List<String>> serviceWarnings = services.map(service -> {
      FilePlan.Builder files = FilePlan.builder();
      List<PatchFailure> failures = new ArrayList<>();
      MigrationDirectory dir = kit.inputs().migrations(service.name()).orElse(null);
      String schema = kit.inputs().schema(service.name()).orElse(null);
      if (environments.isEmpty()) {
        renderService(description, service, dir, schema, files, failures, new HashMap<>());
      } else {
        // The files every environment shares (atlas.sum, atlas.hcl) are planned once; each must render the same bytes.
        Map<String, byte[]> shared = new HashMap<>();
        for (Kit there : environments) {
          Optional<Service> seen = there.service(service.name());
          if (seen.isPresent()) {
            renderService(there, seen.get(), dir, schema, files, failures, shared);
          }
        }
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("validation let patches through that do not fit: " + failures);
      }
      FilePlan part = files.build();
      sink.accept(service.name(), part);
      return part.warnings();
    }).toList();
    List<String> warnings = new ArrayList<>();
    serviceWarnings.forEach(warnings::addAll);
    FilePlan.Builder platform = FilePlan.builder();
    if (environments.isEmpty()) {
      renderPlatform(description, platform);
    } else {
      environments.forEach(there -> renderPlatform(there, platform));
    }
    FilePlan part = platform.build();
    sink.accept(null, part);
    warnings.addAll(part.warnings());
    return warnings;
  }

  /**
   * The patches of {@code service} that do not fit their objects, found by rendering it: for validation, which
   * reports them with the description's other violations. The service must be valid on its own, or it may not render.
   */
  public List<PatchFailure> patchFailures(Kit kit, KitInputs inputs, Service service) {
    List<PatchFailure> failures = new ArrayList<>();
    renderService(kit, service, inputs.migrations(service.name()).orElse(null), inputs.schema(service.name()).orElse(null),
        FilePlan.builder(), failures, new HashMap<>());
    return failures;
  }

  private void renderPlatform(Kit kit, FilePlan.Builder plan) {
    String base = RepositoryLayout.platformFolder(kit.environment().map(Environment::name).orElse(null)) + "/";
    kit.platform().ifPresent(platform -> PlatformRenderer.render(kit, platform)
        .forEach((file, object) -> plan.add(base + file, ManifestYaml.file(source, ManifestYaml.tree(object)))));
    if (PlatformRenderer.hasRoot(kit)) {
      plan.add(base + "root.yaml", ManifestYaml.file(source, ManifestYaml.tree(PlatformRenderer.root(kit))));
    }
    if (kit.repository().argoCd().delivery() == ArgoCd.Delivery.APPLICATION_SET) {
      plan.add(base + "applicationset.yaml", ManifestYaml.file(source, ManifestYaml.tree(PlatformRenderer.applicationSet(kit))));
    }
    PlatformRenderer.warnings(kit).forEach(plan::warn);
    plan.add(base + "argocd-cm.yaml",
        ManifestYaml.file(source, ManifestYaml.tree(ArgoHealthChecks.configMap(kit, PlatformRenderer.usesAtlasOperator(kit)))));
  }

  /**
   * Renders {@code service} as {@code kit} sees it (an environment's view, or the description without environments).
   *
   * @param shared the files every environment plans once, by path: the first environment adds them, the others must
   *     render the same bytes
   */
  private void renderService(Kit kit, Service service, MigrationDirectory dir, String schemaSql, FilePlan.Builder plan,
      List<PatchFailure> failures, Map<String, byte[]> shared) {
    ServiceLayout layout = kit.environment().map(env -> RepositoryLayout.service(service.name(), env.name()))
        .orElseGet(() -> RepositoryLayout.service(service.name()));
    String base = layout.deployed() + "/";
    String serviceBase = layout.folder() + "/";
    String where = kit.environment().map(env -> "environments[" + env.name() + "].").orElse("");
    ObjectRenderer objects = new ObjectRenderer(service, failures, where);
    if (kit.repository().argoCd().delivery() != ArgoCd.Delivery.APPLICATION_SET) {
      objects.add(plan, base + "application.yaml", Patch.Target.APPLICATION, ArgoApplicationRenderer.render(kit, service));
    }
    service.declarativeSchema().ifPresent(schema -> objects.add(plan, base + "manifests/migrations/atlasschema.yaml",
        Patch.Target.ATLAS_SCHEMA, AtlasOperatorRenderer.schema(kit, service, schema, schemaSql)));
    objects.add(plan, base + "manifests/database/cluster.yaml", Patch.Target.CLUSTER, CnpgClusterRenderer.render(kit, service));
    service.database().backups().ifPresent(backups -> {
      if (backups.legacyInTree()) {
        plan.warn("services[" + service.name() + "].database.backups: the in-tree barmanObjectStore is deprecated and "
            + "CloudNativePG 1.31 removes it; drop legacyInTree() to use the Barman Cloud plugin");
      } else {
        objects.add(plan, base + "manifests/database/objectstore.yaml", Patch.Target.OBJECT_STORE,
            BackupsRenderer.objectStore(kit, service));
      }
      if (backups.schedule().isPresent()) {
        objects.add(plan, base + "manifests/database/scheduledbackup.yaml", Patch.Target.SCHEDULED_BACKUP,
            BackupsRenderer.scheduledBackup(kit, service));
      }
    });
    if (service.database().pooler().isPresent()) {
      for (CnpgPooler pooler : PoolerRenderer.render(kit, service)) {
        objects.add(plan, base + "manifests/database/pooler-" + pooler.spec().type() + ".yaml", Patch.Target.POOLER, pooler);
      }
    }
    if (service.app().isPresent()) {
      objects.add(plan, base + "manifests/app/deployment.yaml", Patch.Target.APP_DEPLOYMENT, AppRenderer.deployment(kit, service));
      objects.add(plan, base + "manifests/app/service.yaml", Patch.Target.APP_SERVICE, AppRenderer.service(kit, service));
    }
    service.monitoring().ifPresent(monitoring -> {
      objects.add(plan, base + "manifests/monitoring/podmonitor.yaml", Patch.Target.POD_MONITOR,
          MonitoringRenderer.podMonitor(kit, service));
      objects.add(plan, base + "manifests/monitoring/prometheusrule.yaml", Patch.Target.PROMETHEUS_RULE,
          MonitoringRenderer.prometheusRule(kit, service));
    });
    if (service.migrations().isEmpty()) {
      plan.add(base + "RUNBOOK.md", RunbookRenderer.render(source, kit, service, null).getBytes(StandardCharsets.UTF_8));
      return;
    }
    Migrations m = service.migrations().get();
    String migrationsDir = ServiceLayout.migrationsFolder(service).orElseThrow();
    AtlasSum sum = dir.sum();
    String sumPath = serviceBase + migrationsDir + "/" + MigrationDirectory.SUM_FILE;
    if (shareOnce(shared, sumPath, sum.toBytes())) {
      plan.addAtlasSum(sumPath, sum.toBytes());
    }
    // One rendering: the file users run locally and what the Job reads from its ConfigMap are the same bytes.
    byte[] projectFile = AtlasHclRenderer.render(source, service, m).getBytes(StandardCharsets.UTF_8);
    if (shareOnce(shared, serviceBase + AtlasHclRenderer.PROJECT_FILE, projectFile)) {
      plan.add(serviceBase + AtlasHclRenderer.PROJECT_FILE, projectFile);
    }
    List<ConfigMap> configMaps = MigrationsRenderer.configMaps(kit, service, m, dir, sum, projectFile);
    String firstConfigMap = configMaps.get(0).getMetadata().getName();
    plan.add(base + "RUNBOOK.md", RunbookRenderer.render(source, kit, service, firstConfigMap).getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < configMaps.size(); i++) {
      String file = i == 0 ? "configmap.yaml" : "configmap-" + (i + 1) + ".yaml";
      objects.add(plan, base + "manifests/migrations/" + file, Patch.Target.MIGRATIONS_CONFIGMAP, configMaps.get(i));
    }
    if (m.engine() == Migrations.Engine.OPERATOR) {
      objects.add(plan, base + "manifests/migrations/atlasmigration.yaml", Patch.Target.ATLAS_MIGRATION,
          AtlasOperatorRenderer.migration(kit, service, m, firstConfigMap));
    } else {
      objects.add(plan, base + "manifests/migrations/job.yaml", Patch.Target.MIGRATION_JOB,
          MigrationsRenderer.job(kit, service, m, sum, configMaps.size()));
    }
  }

  /**
   * Whether {@code path} is not planned yet (so the caller adds it); when it is, its bytes must be {@code bytes}:
   * validation keeps every environment's migrations the same, and this holds it.
   */
  private static boolean shareOnce(Map<String, byte[]> shared, String path, byte[] bytes) {
    byte[] first = shared.putIfAbsent(path, bytes);
    if (first != null && !Arrays.equals(first, bytes)) {
      throw new IllegalStateException("validation let environments through whose " + path + " differs");
    }
    return first == null;
  }

  /** Serializes one service's objects, applying the patches that target each. */
  private final class ObjectRenderer {
    private final Service service;
    private final List<PatchFailure> failures;
    private final String where;

    /** @param where the environment's prefix of a patch's path in the description, or empty */
    ObjectRenderer(Service service, List<PatchFailure> failures, String where) {
      this.service = service;
      this.failures = failures;
      this.where = where;
    }

    void add(FilePlan.Builder plan, String path, Patch.Target target, Object object) {
      ObjectNode tree = ManifestYaml.tree(object);
      List<Patch> patches = service.patches();
      for (int i = 0; i < patches.size(); i++) {
        Patch patch = patches.get(i);
        if (patch.target() != target) {
          continue;
        }
        String problem = JsonPatches.apply(tree, patch);
        PatchFailure failure = problem == null ? null : new PatchFailure(where + "services[" + service.name() + "].patches[" + i + "]",
            "cannot " + patch.op().name().toLowerCase(java.util.Locale.ROOT) + " " + patch.path() + " on the " + target + ": " + problem,
            "check the path against the object in " + path);
        if (failure != null && !failures.contains(failure)) {
          failures.add(failure);
        }
      }
      plan.add(path, ManifestYaml.file(source, tree));
    }
  }
}
