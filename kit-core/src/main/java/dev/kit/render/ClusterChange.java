package dev.kit.render;

import dev.kit.layout.RepositoryLayout;
import dev.kit.plan.GeneratedHeader;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What CloudNativePG's webhook refuses in a regenerated {@code cluster.yaml} when the Cluster
 * exists, which no check of the new file alone can see: a volume that shrinks, a WAL volume
 * removed, an older PostgreSQL major, and a new image with new parameters in one update ({@code
 * validateClusterChanges} in cloudnative-pg {@code internal/webhook/v1/cluster_webhook.go}). Read
 * from the files: what is committed is what was synced (or is about to be). Argo CD's sync of the
 * Cluster then fails, and with it every later sync of the service, until the change is undone.
 */
final class ClusterChange {

  /** The Cluster's file below its service (or environment) folder. */
  private static final String FILE = new ClusterKind().file();

  /** Built on first use: most regenerations leave the Cluster's file as it was. */
  private static final class Yaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();
  }

  private ClusterChange() {}

  /**
   * Whether {@code path} is a Cluster kit writes: {@code
   * services/<service>[/envs/<env>]/manifests/database/cluster.yaml}. Asked of every file of every
   * rendered service: {@link RepositoryLayout#serviceOf} looks at the path's ends before it splits.
   */
  static boolean isCluster(String path) {
    return RepositoryLayout.serviceOf(path, FILE) != null;
  }

  /**
   * The warnings for replacing {@code before} with {@code after} at {@code path}: one for each
   * change the webhook refuses, none when either file is not a Cluster kit wrote.
   */
  static List<String> warnings(String path, byte[] before, byte[] after) {
    String[] at = RepositoryLayout.serviceOf(path, FILE);
    JsonNode old = spec(before);
    JsonNode now = spec(after);
    if (at == null || old == null || now == null) {
      return List.of();
    }
    String service = "services[" + at[0] + "]";
    String where =
        "service "
            + at[0]
            + (at[1] == null ? "" : ", environment " + at[1])
            + ": "
            + path
            + " changes the existing Cluster in a way CloudNativePG's webhook refuses, so Argo CD's"
            + " sync fails and leaves the Cluster as it is: ";
    String inEnvironment =
        at[1] == null ? "" : " (in in(\"" + at[1] + "\", ...) or the service's own)";
    List<String> warnings = new ArrayList<>();
    shrink(
        old.path("storage").path("size").asString(""),
        now.path("storage").path("size").asString(""),
        "storage",
        where,
        service + ".database.storage" + inEnvironment,
        warnings);
    JsonNode oldWal = old.path("walStorage");
    JsonNode newWal = now.path("walStorage");
    if (oldWal.isObject() && !newWal.isObject()) {
      warnings.add(
          where
              + "it removes walStorage (\"walStorage cannot be disabled once the cluster is"
              + " created\"). Keep walStorage(\""
              + oldWal.path("size").asString("")
              + "\") on "
              + service
              + ".database"
              + inEnvironment
              + "; a Cluster without a WAL volume is a new Cluster, restored from a backup.");
    } else if (oldWal.isObject()) {
      shrink(
          oldWal.path("size").asString(""),
          newWal.path("size").asString(""),
          "walStorage",
          where,
          service + ".database.walStorage" + inEnvironment,
          warnings);
    }
    String oldImage = old.path("imageName").asString("");
    String newImage = now.path("imageName").asString("");
    int oldMajor = major(oldImage);
    int newMajor = major(newImage);
    if (oldMajor > 0 && newMajor > 0 && newMajor < oldMajor) {
      warnings.add(
          where
              + "imageName "
              + oldImage
              + " -> "
              + newImage
              + " goes back from PostgreSQL "
              + oldMajor
              + " to "
              + newMajor
              + " (\"can't downgrade from majors\"). Set "
              + service
              + ".database.postgresMajor("
              + oldMajor
              + ") back"
              + inEnvironment
              + "; data reaches an older major only by a logical import into a new Cluster.");
    } else if (!oldImage.equals(newImage)) {
      JsonNode oldParameters = old.path("postgresql").path("parameters");
      JsonNode newParameters = now.path("postgresql").path("parameters");
      if (!oldParameters.equals(newParameters)) {
        warnings.add(
            where
                + "imageName "
                + oldImage
                + " -> "
                + newImage
                + " comes with a change of its PostgreSQL parameters (\"Can't change image name"
                + " and configuration at the same time\"). Split them into two syncs: generate"
                + " and merge the image change with the parameters as committed, let Argo CD sync"
                + " it, then change the parameters of "
                + service
                + ".database"
                + inEnvironment
                + " in a second change (or the other way round).");
      }
    }
    unmanagedRoles(old, now, at, path, service + ".database" + inEnvironment, warnings);
    return warnings;
  }

  /**
   * A role the Cluster managed that it no longer lists: CloudNativePG stops managing it and leaves
   * it in the database (its docs, "Database Role Management"), login and password included, which a
   * reader of the change may take for a role removed.
   */
  private static void unmanagedRoles(
      JsonNode old,
      JsonNode now,
      String[] at,
      String path,
      String database,
      List<String> warnings) {
    Set<String> listed = new HashSet<>();
    for (JsonNode role : now.path("managed").path("roles")) {
      listed.add(role.path("name").asString(""));
    }
    List<String> left = new ArrayList<>();
    for (JsonNode role : old.path("managed").path("roles")) {
      String name = role.path("name").asString("");
      if (!name.isEmpty()
          && !listed.contains(name)
          && !role.path("ensure").asString("").equals("absent")) {
        left.add(name);
      }
    }
    if (left.isEmpty()) {
      return;
    }
    Collections.sort(left);
    String roles = String.join(", ", left);
    warnings.add(
        "service "
            + at[0]
            + (at[1] == null ? "" : ", environment " + at[1])
            + ": "
            + path
            + " no longer lists the managed role"
            + (left.size() == 1 ? " " : "s ")
            + roles
            + ": CloudNativePG stops managing "
            + (left.size() == 1 ? "it" : "them")
            + " and leaves "
            + (left.size() == 1 ? "it" : "them")
            + " in the database as "
            + (left.size() == 1 ? "it is" : "they are")
            + ". To remove "
            + (left.size() == 1 ? "it" : "them")
            + ", call dropRole(\""
            + left.get(0)
            + "\") on "
            + database
            + " instead, and keep it until the change has synced (PostgreSQL refuses to drop a"
            + " role that still owns objects or holds privileges: revoke them first).");
  }

  /** A warning when a volume's size goes from {@code was} down to {@code is}. */
  private static void shrink(
      String was, String is, String field, String where, String dsl, List<String> warnings) {
    BigDecimal before = bytes(was);
    BigDecimal after = bytes(is);
    if (before == null || after == null || after.compareTo(before) >= 0) {
      return;
    }
    warnings.add(
        where
            + field
            + ".size "
            + was
            + " -> "
            + is
            + " shrinks a volume (\"can't shrink existing storage from "
            + was
            + " to "
            + is
            + "\"). A volume can only grow: keep "
            + dsl
            + " at \""
            + was
            + "\" or more; a smaller volume is a new Cluster, restored from a backup.");
  }

  /** A Kubernetes quantity's amount, or null when it is not one. */
  private static @Nullable BigDecimal bytes(String quantity) {
    if (quantity.isEmpty()) {
      return null;
    }
    try {
      return Quantity.getAmountInBytes(new Quantity(quantity));
    } catch (IllegalArgumentException | ArithmeticException notAQuantity) {
      return null;
    }
  }

  /**
   * The PostgreSQL major of an operand image, from its tag ({@code 17.11-standard-trixie} is 17),
   * or 0 when the tag does not start with one (a digest alone, no tag).
   */
  static int major(String image) {
    int digest = image.indexOf('@');
    String name = digest < 0 ? image : image.substring(0, digest);
    int colon = name.lastIndexOf(':');
    if (colon < 0 || colon < name.lastIndexOf('/')) {
      return 0;
    }
    int major = 0;
    for (int at = colon + 1; at < name.length() && Character.isDigit(name.charAt(at)); at++) {
      major = Math.min(major * 10 + (name.charAt(at) - '0'), 10_000);
    }
    return major;
  }

  /**
   * The spec of a Cluster file kit wrote: its header first, then a {@code postgresql.cnpg.io}
   * Cluster; null for anything else.
   */
  private static @Nullable JsonNode spec(byte[] file) {
    if (!GeneratedHeader.isPresent(file)) {
      return null;
    }
    JsonNode cluster;
    try {
      cluster = Yaml.MAPPER.readTree(file);
    } catch (JacksonException unreadable) {
      return null;
    }
    if (cluster == null
        || !cluster.path("kind").asString("").equals("Cluster")
        || !cluster.path("apiVersion").asString("").equals(CnpgCluster.API_VERSION)
        || !cluster.path("spec").isObject()) {
      return null;
    }
    return cluster.path("spec");
  }
}
