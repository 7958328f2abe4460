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

  /**
   * Whether {@code key} may name a key of a Secret, {@code [-._a-zA-Z0-9]+} and not {@code .},
   * {@code ..} or {@code ..<anything>} (Kubernetes refuses a key that would step out of the volume
   * it is mounted in): scanned, not matched, as every service has several (PROFILE.md, section 14).
   */
  public static boolean isKeyName(String key) {
    Objects.requireNonNull(key, "SecretKey.isKeyName(key): key is null; pass the key to look at");
    if (key.isEmpty() || key.equals(".") || key.startsWith("..")) {
      return false;
    }
    for (int at = 0; at < key.length(); at++) {
      char c = key.charAt(at);
      if ((c < 'a' || c > 'z')
          && (c < 'A' || c > 'Z')
          && (c < '0' || c > '9')
          && c != '-'
          && c != '.'
          && c != '_') {
        return false;
      }
    }
    return true;
  }
}
