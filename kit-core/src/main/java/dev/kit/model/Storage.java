package dev.kit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A persistent volume request: {@code Storage.of("20Gi", "standard")}.
 *
 * @param size a Kubernetes quantity such as {@code 20Gi}
 * @param storageClass the StorageClass, or empty for the cluster's default
 */
public record Storage(String size, Optional<String> storageClass) {

  public Storage {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(storageClass, "storageClass");
  }

  public static Storage of(String size) {
    return new Storage(size, Optional.empty());
  }

  public static Storage of(String size, String storageClass) {
    return new Storage(size, Optional.of(storageClass));
  }
}
