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
    Objects.requireNonNull(
        size, "Storage(size, storageClass): size is null; pass a Kubernetes quantity such as 20Gi");
    Objects.requireNonNull(
        storageClass,
        "Storage(size, storageClass): storageClass is null; pass Optional.empty() for the cluster's default class");
  }

  public static Storage of(String size) {
    return new Storage(
        Objects.requireNonNull(
            size, "Storage.of(size): size is null; pass a Kubernetes quantity such as 20Gi"),
        Optional.empty());
  }

  public static Storage of(String size, String storageClass) {
    return new Storage(
        Objects.requireNonNull(
            size,
            "Storage.of(size, storageClass): size is null; pass a Kubernetes quantity such as 20Gi"),
        Optional.of(
            Objects.requireNonNull(
                storageClass,
                "Storage.of(size, storageClass): storageClass is null; "
                    + "pass a StorageClass name, or use Storage.of(size)")));
  }
}
