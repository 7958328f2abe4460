package dev.kit.validate;

import dev.kit.model.Database;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What CloudNativePG's webhook refuses about the Cluster's number of instances, read from the
 * description and the patches of the Cluster together: a supervised primary update with one
 * instance, and synchronous replicas that do not fit ({@code validatePrimaryUpdateStrategy}, {@code
 * validateMaxSyncReplicas}, {@code validateMinSyncReplicas} in cloudnative-pg {@code
 * internal/webhook/v1/cluster_webhook.go}).
 */
final class InstanceRules {

  private static final String FIX_SUPERVISED =
      "use instances(2) or more, or leave the strategy unsupervised";

  private InstanceRules() {}

  /**
   * What the service's patches of the Cluster leave at one field.
   *
   * @param index the last patch that sets or removes it, or -1 when none touches it
   * @param value the value it sets, or null when it removes the field (or a parent)
   */
  private record Patched(int index, @Nullable Object value) {

    boolean touched() {
      return index >= 0;
    }
  }

  /**
   * The service's violations.
   *
   * @param path the service's path, such as {@code services[orders]}
   */
  static void check(String path, Service service, Violations violations) {
    Database db = service.database();
    int instances = instances(service);
    Patched strategy = patched(service, List.of("spec", "primaryUpdateStrategy"));
    boolean supervised =
        strategy.touched()
            ? Database.PrimaryUpdateStrategy.SUPERVISED.value().equals(strategy.value())
            : db.primaryUpdateStrategy().isPresent()
                && db.primaryUpdateStrategy().get() == Database.PrimaryUpdateStrategy.SUPERVISED;
    if (supervised && instances == 1) {
      violations.add(
          strategy.touched()
              ? path + ".patches[" + strategy.index() + "].value"
              : path + ".database.primaryUpdateStrategy",
          "a supervised primary update waits for a switchover to a replica, and the Cluster has 1"
              + " instance; CNPG's webhook rejects the Cluster (\"supervised update strategy is not"
              + " allowed for clusters with a single instance\")",
          FIX_SUPERVISED);
    }
    Patched max = patched(service, List.of("spec", "maxSyncReplicas"));
    Patched min = patched(service, List.of("spec", "minSyncReplicas"));
    long maxValue = max.value() instanceof Number n ? n.longValue() : 0;
    long minValue = min.value() instanceof Number n ? n.longValue() : 0;
    if (max.touched() && maxValue >= instances) {
      violations.add(
          path + ".patches[" + max.index() + "].value",
          "maxSyncReplicas "
              + maxValue
              + " is not lower than the Cluster's "
              + instances
              + " instance"
              + (instances == 1 ? "" : "s")
              + "; CNPG's webhook rejects the Cluster",
          "set it to at most " + (instances - 1) + ", or raise instances(...)");
    }
    if (min.touched() && minValue > maxValue) {
      violations.add(
          path + ".patches[" + min.index() + "].value",
          "minSyncReplicas "
              + minValue
              + " is greater than maxSyncReplicas "
              + maxValue
              + (max.touched() ? "" : " (the default)")
              + "; CNPG's webhook rejects the Cluster",
          "set minSyncReplicas to at most maxSyncReplicas, or patch /spec/maxSyncReplicas too");
    }
  }

  /**
   * The Cluster's {@code spec.instances}: the last patch's whole number when a patch sets it (1,
   * CNPG's default, when one removes it), or {@code instances(...)}.
   */
  static int instances(Service service) {
    Patched patched = patched(service, List.of("spec", "instances"));
    if (!patched.touched()) {
      return service.database().instances();
    }
    if (patched.value() == null) {
      return 1;
    }
    // Any Number a caller wrote (1, 1L, BigInteger.ONE) that is an int; the API server refuses
    // another value at sync (kit does not check a patch's value against the schema).
    return patched.value() instanceof Number n
            && n.doubleValue() == n.longValue()
            && n.longValue() == n.intValue()
        ? n.intValue()
        : service.database().instances();
  }

  /** What the patches of the Cluster, in order, leave at {@code field} ({@link PatchedField}). */
  private static Patched patched(Service service, List<String> field) {
    Patched found = new Patched(-1, null);
    List<Patch> patches = service.patches();
    for (int i = 0; i < patches.size(); i++) {
      Patch patch = patches.get(i);
      if (patch.target() != Patch.Target.CLUSTER || !patch.path().startsWith("/")) {
        continue; // PatchRules reports a path that is not a JSON Pointer
      }
      List<String> tokens = patch.tokens();
      if (PatchedField.reaches(tokens, field)) {
        found = new Patched(i, PatchedField.value(patch, tokens, field));
      }
    }
    return found;
  }
}
