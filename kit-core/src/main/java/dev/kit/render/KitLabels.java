package dev.kit.render;

import dev.kit.model.Kit;
import dev.kit.model.Service;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The recommended {@code app.kubernetes.io} labels kit puts on every object, plus the service's
 * own.
 */
public final class KitLabels {

  static final String NAME = "app.kubernetes.io/name";
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String COMPONENT = "app.kubernetes.io/component";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private KitLabels() {}

  /**
   * Labels for an object of {@code service}; {@code component} may be null (the Application has
   * none).
   */
  public static Map<String, String> of(Kit kit, Service service, @Nullable String component) {
    Map<String, String> labels = new TreeMap<>(service.labels());
    labels.put(NAME, service.name());
    labels.put(PART_OF, kit.repository().name());
    labels.put(MANAGED_BY, "kit");
    if (component != null) {
      labels.put(COMPONENT, component);
    }
    return labels;
  }

  /** The smaller set for a Job's pod template: enough to find the pods, stable across syncs. */
  static Map<String, String> podLabels(Service service, String component) {
    Map<String, String> labels = new TreeMap<>(service.labels());
    labels.put(NAME, service.name());
    labels.put(COMPONENT, component);
    return labels;
  }
}
