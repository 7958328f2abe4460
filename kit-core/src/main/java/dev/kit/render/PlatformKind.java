package dev.kit.render;

import dev.kit.model.Kit;
import java.util.Optional;

/**
 * One file under {@code platform/}: when it is generated, what it is, and how it renders. {@link
 * PlatformKinds} lists them; the renderer and the README's table read that list.
 */
public interface PlatformKind {

  /**
   * Its path under {@code platform/}, such as {@code appproject.yaml}: the root Application syncs
   * the files of the folder itself, on Argo CD's cluster. A path in a subfolder, such as {@code
   * planetscale-provider/provider-opentofu.yaml}, is for the environment's cluster: the root leaves
   * it out, and a platform Application of that folder syncs it there.
   */
  String file();

  /** What it is, for the README. */
  String description();

  /** When it is generated, for the README, such as {@code "with a Platform"}. */
  String when();

  /** Whether {@code kit} generates it. */
  boolean appliesTo(Kit kit);

  /**
   * Its sync wave under a root Application, for the README; empty for wave 0 or for what the root
   * does not sync.
   */
  default Optional<SyncWave> wave() {
    return Optional.empty();
  }

  /**
   * The object it declares in Argo CD's namespace whose name carries the environment, for a kit it
   * applies to; empty for none (the AppProject is named by the environment's project).
   */
  default Optional<ArgoCdObject> argoCdObject(Kit kit) {
    return Optional.empty();
  }

  /** Its object, for a kit it applies to. */
  Object render(PlatformContext context);
}
