package dev.kit.model;

import java.util.Objects;

/**
 * A key in a Kubernetes Secret: kit writes only such references, never a secret value.
 *
 * @param name the Secret's name
 * @param key the key within it
 */
public record SecretKey(String name, String key) {

  public SecretKey {
    Objects.requireNonNull(name, "SecretKey(name, key): name is null; pass the Secret's name");
    Objects.requireNonNull(
        key, "SecretKey(name, key): key is null; pass the key within the Secret");
  }
}
