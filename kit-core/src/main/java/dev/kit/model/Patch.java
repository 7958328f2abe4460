package dev.kit.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The escape hatch: one JSON Patch operation (RFC 6902) on one generated object, for a field the
 * DSL does not model. Paths are JSON Pointers into the object as it is written; a patch may not
 * touch {@code apiVersion}, {@code kind}, {@code metadata.name}, {@code metadata.namespace}, the
 * Argo CD annotations and {@code app.kubernetes.io} labels kit writes, or every annotation or label
 * at once. Values are checked for credentials and, on the Cluster, CloudNativePG's fixed
 * parameters, not against the object's schema: the API server does that, at sync.
 *
 * <pre>{@code
 * Patch.set(Patch.Target.CLUSTER, "/spec/primaryUpdateStrategy", "supervised");
 * Patch.set(Patch.Target.CLUSTER, "/spec/postgresql/pg_hba", List.of("host all all 10.0.0.0/8 scram-sha-256"));
 * Patch.remove(Patch.Target.APPLICATION, "/spec/syncPolicy/automated/prune");
 * }</pre>
 *
 * <p>Values are JSON-like: {@code String}, {@code Number}, {@code Boolean}, {@code List} and {@code
 * Map} (with {@code String} keys) of those; they are copied when the patch is made.
 */
public final class Patch {

  /** The generated objects a patch can target. */
  public enum Target {
    /** The CloudNativePG {@code Cluster}. */
    CLUSTER,
    /** Every migrations {@code ConfigMap}. */
    MIGRATIONS_CONFIGMAP,
    /** The Atlas migration {@code Job}. */
    MIGRATION_JOB,
    /** The Argo CD {@code Application}. */
    APPLICATION,
    /** The Barman Cloud {@code ObjectStore}. */
    OBJECT_STORE,
    /** The CNPG {@code ScheduledBackup}. */
    SCHEDULED_BACKUP,
    /** Every CNPG {@code Pooler} (rw and ro). */
    POOLER,
    /** The Prometheus Operator {@code PodMonitor}. */
    POD_MONITOR,
    /** The Prometheus Operator {@code PrometheusRule}. */
    PROMETHEUS_RULE,
    /** The generated application {@code Deployment}. */
    APP_DEPLOYMENT,
    /** The generated application {@code Service}. */
    APP_SERVICE,
    /** The Atlas operator's {@code AtlasMigration} (operator engine). */
    ATLAS_MIGRATION,
    /** The Atlas operator's {@code AtlasSchema} (declarative schema). */
    ATLAS_SCHEMA,
    /** provider-opentofu's {@code Workspace} that applies a PlanetScale database's module. */
    WORKSPACE,
    /** The CNPG {@code Database} of the extensions and schemas the migrations rely on. */
    DATABASE
  }

  /** JSON Patch operations. */
  public enum Op {
    /**
     * Add a member or list element, creating missing parent objects; replaces an existing member.
     */
    ADD,
    /** Replace a value that must exist. */
    REPLACE,
    /** Remove a value that must exist. */
    REMOVE
  }

  private final Target target;
  private final Op op;
  private final String path;
  private final @Nullable Object value;

  private Patch(Target target, Op op, String path, @Nullable Object value) {
    this.target = target;
    this.op = op;
    this.path = path;
    this.value = copyJson(path, value);
  }

  /** Sets {@code path} to {@code value}, creating parent objects as needed. */
  public static Patch set(Target target, String path, Object value) {
    return new Patch(
        Objects.requireNonNull(
            target,
            "Patch.set(target, path, value): target is null; pass a Patch.Target such as Patch.Target.CLUSTER"),
        Op.ADD,
        Objects.requireNonNull(
            path,
            "Patch.set(target, path, value): path is null; pass a JSON Pointer such as /spec/primaryUpdateStrategy"),
        Objects.requireNonNull(
            value,
            "Patch.set(target, path, value): value is null; "
                + "pass a String, Number, Boolean, List or Map, or use Patch.remove(target, path)"));
  }

  /** Replaces the existing value at {@code path}. */
  public static Patch replace(Target target, String path, Object value) {
    return new Patch(
        Objects.requireNonNull(
            target,
            "Patch.replace(target, path, value): target is null; pass a Patch.Target such as Patch.Target.CLUSTER"),
        Op.REPLACE,
        Objects.requireNonNull(
            path,
            "Patch.replace(target, path, value): path is null; "
                + "pass a JSON Pointer such as /spec/primaryUpdateStrategy"),
        Objects.requireNonNull(
            value,
            "Patch.replace(target, path, value): value is null; "
                + "pass a String, Number, Boolean, List or Map, or use Patch.remove(target, path)"));
  }

  /** Removes the value at {@code path}. */
  public static Patch remove(Target target, String path) {
    return new Patch(
        Objects.requireNonNull(
            target,
            "Patch.remove(target, path): target is null; pass a Patch.Target such as Patch.Target.CLUSTER"),
        Op.REMOVE,
        Objects.requireNonNull(
            path,
            "Patch.remove(target, path): path is null; pass a JSON Pointer such as /spec/monitoring"),
        null);
  }

  private static @Nullable Object copyJson(String path, @Nullable Object value) {
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(copyJson(path, v)));
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map<?, ?> map) {
      // Sorted, as the YAML writer prints it: a Map.of's order changes from one JVM to the next,
      // and would give the generation cache's fingerprint a new value every run.
      Map<String, Object> copy = new TreeMap<>();
      map.forEach(
          (k, v) -> {
            if (!(k instanceof String key)) {
              throw new IllegalArgumentException(
                  "Patch at " + path + ": map keys must be strings, got " + k);
            }
            copy.put(key, copyJson(path, v));
          });
      return Collections.unmodifiableMap(copy);
    }
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    throw new IllegalArgumentException(
        "Patch at "
            + path
            + ": a value must be a String, Number, Boolean, List or Map "
            + "(convert it, e.g. an enum with name()), got "
            + value.getClass().getName());
  }

  /** The generated object to change. */
  public Target target() {
    return target;
  }

  /** What to do. */
  public Op op() {
    return op;
  }

  /** A JSON Pointer such as {@code /spec/monitoring/enablePodMonitor}. */
  public String path() {
    return path;
  }

  /**
   * The path's reference tokens, unescaped ({@code ~1} is '/', {@code ~0} is '~', RFC 6901): {@code
   * [metadata, annotations, argocd.argoproj.io/sync-wave]}. Meaningful for a path validation
   * accepts, which starts with '/'.
   */
  public List<String> tokens() {
    List<String> tokens = new ArrayList<>();
    for (String raw : path.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  /** The value to add or replace with; {@code null} for {@link Op#REMOVE}. */
  public @Nullable Object value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Patch that
        && target.equals(that.target)
        && op.equals(that.op)
        && path.equals(that.path)
        && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, op, path, value);
  }

  @Override
  public String toString() {
    return "Patch[target=" + target + ", op=" + op + ", path=" + path + ", value=" + value + "]";
  }
}
