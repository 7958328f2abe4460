package dev.kit.validate;

import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.layout.RepositoryLayout;
import dev.kit.model.Bootstrap;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.model.PlanetScale;
import dev.kit.model.Service;
import dev.kit.render.KitRenderer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a whole {@link Kit} against what was read for it, in one pass, and reports every {@link
 * Violation} at once, so a user fixes all of them in one go; a description without any becomes the
 * {@link ValidatedKit} that kit renders. The rules are per part of the description: repository and
 * delivery, services (names, then each part: database, migrations, patches, app, monitoring), names
 * two objects would share, declarative schemas, platform.
 */
public final class Validation {

  /** What a message says in place of a name it may not quote, where a rule named it. */
  private static final String NAME_NOT_SHOWN = "<name not shown>";

  private Validation() {}

  /**
   * The validated description, when every rule holds for {@code kit} and {@code inputs}, its
   * patches included.
   *
   * @param clock the time a restore point must not be after
   * @param renderer renders each service's objects to apply its patches to them
   * @throws KitValidationException with every violation, what could not be read and every patch
   *     that does not fit its object
   */
  public static ValidatedKit validate(
      Kit kit, KitInputs inputs, Clock clock, KitRenderer renderer) {
    List<Violation> found = all(kit, inputs, clock.instant(), renderer);
    if (!found.isEmpty()) {
      throw new KitValidationException(found);
    }
    return new ValidatedKit(kit, inputs);
  }

  /**
   * Each environment's view of the description, checked like a description of its own: what is
   * wrong only there is reported with the environment in its path ({@code
   * environments[prod].services[orders].database.instances}); what is wrong in the description as
   * written is reported once, without.
   */
  private static void environments(
      Map<String, Kit> views,
      KitInputs inputs,
      Instant now,
      DeclaredSchemas schemas,
      @Nullable KitRenderer renderer,
      Violations violations) {
    Set<List<String>> everywhere = new HashSet<>();
    violations.list().forEach(v -> everywhere.add(List.of(v.path(), v.problem())));
    // Each name once: a second environment of one name would find the same (and is reported).
    for (Map.Entry<String, Kit> view : views.entrySet()) {
      Kit there = view.getValue();
      Violations found = new Violations();
      check(there, inputs, now, schemas, found);
      patches(there, inputs, renderer, found);
      String prefix = EnvironmentRules.at(view.getKey()) + ".";
      for (Violation v : found.list()) {
        String path = v.path().startsWith(prefix) ? v.path().substring(prefix.length()) : v.path();
        // The repository is checked as written, the environment's revision and project by
        // EnvironmentRules; an environment may hold no service.
        if (path.startsWith("repository.")
            || (path.equals("services") && there.services().isEmpty())) {
          continue;
        }
        if (everywhere.add(List.of(path, v.problem()))) {
          violations.add(prefix + path, v.problem(), v.fix());
        }
      }
    }
  }

  /**
   * A patch fails only against its rendered object: every service's are applied here, so the one
   * report has them too (rather than after the user fixed everything else), and a validated
   * description renders without failing.
   */
  private static void patches(
      Kit kit, KitInputs inputs, @Nullable KitRenderer renderer, Violations violations) {
    if (renderer == null) {
      return;
    }
    for (Service service : kit.services()) {
      if (!service.patches().isEmpty() && RepositoryLayout.isServiceFolder(service.name())) {
        try {
          renderer
              .patchFailures(kit, inputs, service)
              .forEach(failure -> violations.add(failure.path(), failure.problem(), failure.fix()));
        } catch (RuntimeException cannotRender) {
          // its other violations keep it from rendering (no migrations folder, say): its patches
          // are checked once they are fixed
        }
      }
    }
  }

  /**
   * Every violation of {@code kit} and {@code inputs} but its patches' (which need rendering), in
   * description order; empty when the description is valid.
   */
  public static List<Violation> violations(Kit kit, KitInputs inputs, Clock clock) {
    return all(kit, inputs, clock.instant(), null);
  }

  /** Every violation, with the patches' when {@code renderer} is not null. */
  private static List<Violation> all(
      Kit kit, KitInputs inputs, Instant now, @Nullable KitRenderer renderer) {
    Violations violations = new Violations();
    DeclaredSchemas schemas = new DeclaredSchemas(inputs);
    check(kit, inputs, now, schemas, violations);
    patches(kit, inputs, renderer, violations);
    Map<String, Kit> views = Map.of();
    if (!kit.environments().isEmpty() || hasEnvironmentParts(kit)) {
      views = views(kit);
      EnvironmentRules.check(kit, views, violations);
      environments(views, inputs, now, schemas, renderer, violations);
    }
    // Across environments, which no one environment's view sees.
    BackupArchives.check(
        kit, kit.environments().isEmpty() ? List.of(kit) : views.values(), violations);
    return withoutNamesNotShown(kit, views.values(), violations.list());
  }

  /**
   * {@code found} with each name that a message may not quote ({@link Violations#quotable})
   * replaced wherever a rule still named it: a service's or environment's, and what a rule that
   * compares services or environments names of the other one (its namespace, cluster, database and
   * owner, PlanetScale branch, destination cluster), in {@code kit} and in each environment's view
   * of it. The rules leave such a name out of what they write; this is the net under them.
   */
  private static List<Violation> withoutNamesNotShown(
      Kit kit, Iterable<Kit> views, List<Violation> found) {
    if (found.isEmpty()) {
      return found;
    }
    List<String> names = new ArrayList<>();
    namesNotShown(kit, names);
    for (Kit view : views) {
      namesNotShown(view, names);
    }
    if (names.isEmpty()) {
      return found;
    }
    List<Violation> shown = new ArrayList<>(found.size());
    for (Violation v : found) {
      shown.add(
          new Violation(
              without(v.path(), names), without(v.problem(), names), without(v.fix(), names)));
    }
    return shown;
  }

  /** Adds the names of {@code kit} a message may not quote to {@code names}. */
  private static void namesNotShown(Kit kit, List<String> names) {
    for (Service service : kit.services()) {
      notShown(service.name(), names);
      notShown(service.namespace(), names);
      notShown(service.clusterName(), names);
      for (String env : service.overrides().keySet()) {
        notShown(env, names);
      }
      for (String env : service.onlyIn()) {
        notShown(env, names);
      }
      if (service.database().bootstrap().isPresent()) {
        Bootstrap bootstrap = service.database().bootstrap().get();
        notShown(bootstrap.database(), names);
        notShown(bootstrap.owner(), names);
      }
      if (service.database().host() instanceof PlanetScale ps) {
        notShown(ps.organization(), names);
        notShown(ps.database(), names);
        notShown(ps.branch(), names);
      }
    }
    for (Environment env : kit.environments()) {
      notShown(env.name(), names);
      if (env.destinationName().isPresent()) {
        notShown(env.destinationName().get(), names);
      }
    }
  }

  /** Adds {@code name} when a message may not quote it, longest first (one within another). */
  private static void notShown(String name, List<String> names) {
    if (name.isEmpty() || Violations.quotable(name) || names.contains(name)) {
      return;
    }
    int at = 0;
    while (at < names.size() && names.get(at).length() >= name.length()) {
      at++;
    }
    names.add(at, name);
  }

  private static String without(String text, List<String> names) {
    String out = text;
    for (String name : names) {
      out = out.replace(name, NAME_NOT_SHOWN);
    }
    return out;
  }

  /**
   * Each declared environment's view of {@code kit}, by name in declaration order, built once for
   * every rule that looks at it: {@link Kit#in} rebuilds every service.
   */
  private static Map<String, Kit> views(Kit kit) {
    Map<String, Kit> views = new LinkedHashMap<>();
    for (Environment env : kit.environments()) {
      if (!views.containsKey(env.name())) {
        views.put(env.name(), kit.in(env.name()));
      }
    }
    return views;
  }

  /** Whether a service overrides something in an environment or runs only in some. */
  private static boolean hasEnvironmentParts(Kit kit) {
    for (Service s : kit.services()) {
      if (!s.overrides().isEmpty() || !s.onlyIn().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static void check(
      Kit kit, KitInputs inputs, Instant now, DeclaredSchemas schemas, Violations violations) {
    // Loops and ifs rather than lambdas, as in ServiceRules: each spins a class in a cold run.
    for (KitInputs.Problem problem : inputs.problems()) {
      violations.add(problem.path(), problem.problem(), problem.fix());
    }
    RepositoryRules.repository(kit.repository(), violations);
    ServiceRules.check(kit, inputs, now, violations);
    violations.addAll(NameCollisions.check(kit));
    SchemaRules.check(kit, schemas, violations);
    RepositoryRules.delivery(kit, violations);
    if (kit.platform().isPresent()) {
      PlatformRules.check(kit, kit.platform().get(), violations);
    }
  }
}
