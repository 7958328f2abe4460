package dev.kit.model;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pinned CloudNativePG operand image kit uses for each PostgreSQL major version it knows.
 * These are the {@code system} images (with Barman Cloud), on Debian trixie, at the minor
 * releases of May 2026; set {@link Database.Builder#imageName(String)} to choose another.
 */
public final class PostgresImages {

  private static final String REPOSITORY = "ghcr.io/cloudnative-pg/postgresql";

  private static final Map<Integer, String> MINOR_BY_MAJOR =
      new TreeMap<>(Map.of(15, "15.18", 16, "16.14", 17, "17.10", 18, "18.4"));

  private PostgresImages() {}

  /** The majors kit has a pinned image for, ascending. */
  public static java.util.Set<Integer> knownMajors() {
    return java.util.Collections.unmodifiableSet(MINOR_BY_MAJOR.keySet());
  }

  /** The pinned image for {@code major}, or empty when kit does not know that major. */
  public static Optional<String> forMajor(int major) {
    return Optional.ofNullable(MINOR_BY_MAJOR.get(major)).map(v -> REPOSITORY + ":" + v + "-system-trixie");
  }
}
