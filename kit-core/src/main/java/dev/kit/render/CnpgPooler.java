package dev.kit.render;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The fields of a CNPG {@code postgresql.cnpg.io/v1} Pooler (PgBouncer) that kit writes. */
record CnpgPooler(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  static final String KIND = "Pooler";

  record Spec(ClusterReference cluster, Integer instances, String type, PgBouncer pgbouncer) {}

  record ClusterReference(String name) {}

  record PgBouncer(@Nullable String poolMode, @Nullable Map<String, String> parameters) {}
}
