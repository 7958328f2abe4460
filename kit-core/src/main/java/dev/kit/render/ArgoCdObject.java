package dev.kit.render;

import dev.kit.model.Kit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An object kit writes into Argo CD's namespace, by kind and name. One Argo CD holds every
 * environment's, each named {@code <name>-<environment>}, so two environments can make one name.
 */
public record ArgoCdObject(String kind, String name) {

  /** The Application kit names after {@code name} in {@code kit}'s environment, if any. */
  public static ArgoCdObject application(Kit kit, String name) {
    return new ArgoCdObject(ArgoApplication.KIND, ArgoApplicationRenderer.name(kit, name));
  }

  /** The ApplicationSet kit names after {@code name} in {@code kit}'s environment, if any. */
  static ArgoCdObject applicationSet(Kit kit, String name) {
    return new ArgoCdObject("ApplicationSet", ArgoApplicationRenderer.name(kit, name));
  }

  /**
   * The platform's objects of {@code kit} in Argo CD's namespace whose names carry the environment,
   * by the file under {@code platform/} that declares each, in {@link PlatformKinds} order.
   */
  public static Map<String, ArgoCdObject> platform(Kit kit) {
    Map<String, ArgoCdObject> objects = new LinkedHashMap<>();
    for (PlatformKind kind : PlatformKinds.of(kit)) {
      Optional<ArgoCdObject> object = kind.argoCdObject(kit);
      if (object.isPresent()) {
        objects.put(kind.file(), object.get());
      }
    }
    return objects;
  }

  @Override
  public String toString() {
    return kind + " \"" + name + "\"";
  }
}
