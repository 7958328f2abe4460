package dev.kit.status;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The Secrets an object reads, found by their Kubernetes shapes wherever they are: {@code
 * secretKeyRef: {name, key}} (env, the Atlas operator's {@code passwordFrom}/{@code urlFrom}),
 * {@code secret: {secretName, items}} volumes, {@code envFrom: secretRef}; and Barman Cloud's
 * credential selectors ({@code s3Credentials.accessKeyId: {name, key}}, {@code endpointCA}), which
 * have no such parent.
 */
final class SecretReferences {

  private SecretReferences() {}

  /** The Secrets {@code object} reads through the Kubernetes shapes, in its namespace. */
  static List<Needs.SecretUse> in(PlannedObject object) {
    List<Needs.SecretUse> uses = new java.util.ArrayList<>();
    walk(object.body(), "", object, uses);
    return uses;
  }

  /**
   * Adds the Secrets a Barman Cloud store configuration ({@code ObjectStore.spec.configuration}, or
   * a Cluster's {@code barmanObjectStore}) reads: every {@code {name, key}} under a {@code
   * *Credentials} field, and {@code endpointCA}.
   */
  static void credentials(
      JsonNode configuration, String namespace, String reader, List<Needs.SecretUse> into) {
    if (!configuration.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : configuration.properties()) {
      if (field.getKey().endsWith("Credentials")) {
        for (JsonNode selector : field.getValue().values()) {
          add(selector, namespace, reader, into);
        }
      } else if (field.getKey().equals("endpointCA")) {
        add(field.getValue(), namespace, reader, into);
      }
    }
  }

  private static void add(
      JsonNode selector, String namespace, String reader, List<Needs.SecretUse> into) {
    if (selector.path("name").isString() && selector.path("key").isString()) {
      into.add(
          new Needs.SecretUse(
              namespace,
              selector.path("name").asString(),
              new TreeSet<>(List.of(selector.path("key").asString())),
              reader));
    }
  }

  private static void walk(
      JsonNode node, String field, PlannedObject object, List<Needs.SecretUse> uses) {
    String reader = "the " + object.kind() + " " + object.name();
    if (node.isObject()) {
      if (field.equals("secretKeyRef")) {
        add(node, object.namespace(), reader, uses);
        return;
      }
      if (field.equals("secretRef") && node.path("name").isString()) {
        uses.add(
            new Needs.SecretUse(
                object.namespace(), node.path("name").asString(), new TreeSet<>(), reader));
        return;
      }
      if (field.equals("secret") && node.path("secretName").isString()) {
        TreeSet<String> keys = new TreeSet<>();
        node.path("items").values().forEach(item -> keys.add(item.path("key").asString()));
        uses.add(
            new Needs.SecretUse(
                object.namespace(), node.path("secretName").asString(), keys, reader));
        return;
      }
      node.forEachEntry((key, value) -> walk(value, key, object, uses));
    } else if (node.isArray()) {
      node.values().forEach(value -> walk(value, field, object, uses));
    }
  }
}
