package dev.kit.render;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a Kubernetes object's {@code metadata} that kit writes; null means unset. An empty
 * map is held as null, so its accessor returns null and it is not written, as with fabric8's {@code
 * ObjectMeta}. kit's own: fabric8's builder and the classes behind it loaded and ran for every
 * object.
 */
record ObjectMetadata(
    @Nullable String name,
    @Nullable String namespace,
    @Nullable Map<String, String> annotations,
    @Nullable Map<String, String> labels) {

  /**
   * An empty map is held as null, so it is not written: not {@code @JsonInclude(NON_EMPTY)}, as
   * reading an annotation at run time costs a cold run ~20 ms (PROFILE.md, section 16.2).
   */
  ObjectMetadata {
    annotations = nullIfEmpty(annotations);
    labels = nullIfEmpty(labels);
  }

  /** {@code map}, or null when it is empty: a record's map kit does not write when empty. */
  static <V> @Nullable Map<String, V> nullIfEmpty(@Nullable Map<String, V> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder {
    private @Nullable String name;
    private @Nullable String namespace;
    private @Nullable Map<String, String> annotations;
    private @Nullable Map<String, String> labels;

    private Builder() {}

    Builder withName(String name) {
      this.name = name;
      return this;
    }

    Builder withNamespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * Replaces the labels with {@code labels}, which the caller hands over and does not change
     * after: kept as they are, not copied (a copy per object was 2 % of a warm render's allocation,
     * PROFILE.md 17.2). The writers order the keys themselves.
     */
    Builder withLabels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    /** Replaces the annotations with {@code annotations}. */
    Builder withAnnotations(@Nullable Map<String, String> annotations) {
      this.annotations = annotations == null ? null : new LinkedHashMap<>(annotations);
      return this;
    }

    /** Adds one annotation; a null key or value adds nothing. */
    Builder addToAnnotations(@Nullable String key, @Nullable String value) {
      if (key != null && value != null) {
        if (annotations == null) {
          annotations = new LinkedHashMap<>();
        }
        annotations.put(key, value);
      }
      return this;
    }

    ObjectMetadata build() {
      return new ObjectMetadata(name, namespace, annotations, labels);
    }
  }
}
