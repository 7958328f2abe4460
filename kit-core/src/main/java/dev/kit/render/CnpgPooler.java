package dev.kit.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/** The fields of a CNPG {@code postgresql.cnpg.io/v1} Pooler (PgBouncer) that kit writes. */
record CnpgPooler(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  static final String KIND = "Pooler";

  record Spec(ClusterReference cluster, Integer instances, String type, PgBouncer pgbouncer) {}

  record ClusterReference(String name) {}

  record PgBouncer(String poolMode, Map<String, String> parameters) {}
}
