package dev.kit.validate;

import dev.kit.input.KitInputs;
import dev.kit.input.ValidatedKit;
import dev.kit.layout.RepositoryLayout;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.render.KitRenderer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Checks a whole {@link Kit} against what was read for it, in one pass, and reports every {@link Violation} at
 * once, so a user fixes all of them in one go; a description without any becomes the {@link ValidatedKit} that kit
 * renders. The rules are per part of the description: repository and delivery, services (names, then each part:
 * database, migrations, patches, app, monitoring), names two objects would share, declarative schemas, platform.
 */
public final class Validation {

  private Validation() {}

  /**
   * The validated description, when every rule holds for {@code kit} and {@code inputs}, its patches included.
   *
   * @param clock the time a restore point must not be after
   * @param renderer renders each service's objects to apply its patches to them
   * @throws KitValidationException with every violation, what could not be read and every patch that does not fit
   *     its object
   */
  public static ValidatedKit validate(Kit kit, KitInputs inputs, Clock clock, KitRenderer renderer) {
    Violations violations = new Violations();
    check(kit, inputs, clock.instant(), violations);
    // A patch fails only against its rendered object: every service's are applied here, so the one report has them
    // too (rather than after the user fixed everything else), and a validated description renders without failing.
    for (Service service : kit.services()) {
      if (!service.patches().isEmpty() && RepositoryLayout.isServiceFolder(service.name())) {
        try {
          renderer.patchFailures(kit, inputs, service)
              .forEach(failure -> violations.add(failure.path(), failure.problem(), failure.fix()));
        } catch (RuntimeException cannotRender) {
          // its other violations keep it from rendering (no migrations folder, say): its patches are checked once they are fixed
        }
      }
    }
    List<Violation> found = violations.list();
    if (!found.isEmpty()) {
      throw new KitValidationException(found);
    }
    return new ValidatedKit(kit, inputs);
  }

  /**
   * Every violation of {@code kit} and {@code inputs} but its patches' (which need rendering), in description order;
   * empty when the description is valid.
   */
  public static List<Violation> violations(Kit kit, KitInputs inputs, Clock clock) {
    Violations violations = new Violations();
    check(kit, inputs, clock.instant(), violations);
    return violations.list();
  }

  private static void check(Kit kit, KitInputs inputs, Instant now, Violations violations) {
    inputs.problems().forEach(problem -> violations.add(problem.path(), problem.problem(), problem.fix()));
    RepositoryRules.repository(kit.repository(), violations);
    ServiceRules.check(kit, inputs, now, violations);
    violations.addAll(NameCollisions.check(kit));
    SchemaRules.check(kit, inputs, violations);
    RepositoryRules.delivery(kit, violations);
    kit.platform().ifPresent(platform -> PlatformRules.check(kit, platform, violations));
  }
}
