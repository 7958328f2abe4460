package dev.kit.render;

import java.util.List;
import java.util.Map;

/** The fields of a {@code v1} Service that kit writes; null means unset. */
record KubeService(String apiVersion, String kind, ObjectMetadata metadata, Spec spec) {

  KubeService(ObjectMetadata metadata, Spec spec) {
    this("v1", "Service", metadata, spec);
  }

  record Spec(List<Port> ports, Map<String, String> selector) {}

  /** A port, forwarded to the container port named {@code targetPort}. */
  record Port(String name, Integer port, String targetPort) {}
}
