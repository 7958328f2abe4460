package dev.kit.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pinned CloudNativePG operand images kit uses for each PostgreSQL major version it knows, on
 * Debian trixie, at the minor releases of CNPG's {@code postgresql-standard-trixie} image catalog
 * of 2026-08-31 (the releases {@code kit:verify} runs too). {@code standard} images are for backups
 * through the Barman Cloud plugin (or none); {@code system} images, deprecated, carry Barman Cloud
 * for the in-tree {@code barmanObjectStore}. Set {@link Database.Builder#imageName(String)} to
 * choose another.
 */
public final class PostgresImages {

  private static final String REPOSITORY = "ghcr.io/cloudnative-pg/postgresql";

  private static final Map<Integer, String> MINOR_BY_MAJOR =
      new TreeMap<>(Map.of(15, "15.19", 16, "16.15", 17, "17.11", 18, "18.6"));

  private PostgresImages() {}

  /** The majors kit has a pinned image for, ascending. */
  public static Set<Integer> knownMajors() {
    return Collections.unmodifiableSet(MINOR_BY_MAJOR.keySet());
  }

  /**
   * The pinned minor release of {@code major}, such as {@code 17.11}, or empty when kit does not
   * know that major.
   */
  public static Optional<String> minor(int major) {
    return Optional.ofNullable(MINOR_BY_MAJOR.get(major));
  }

  /**
   * The pinned {@code standard} image of {@code major} (no Barman Cloud inside), or empty for a
   * major kit does not know.
   */
  public static Optional<String> standard(int major) {
    return image(major, "standard");
  }

  /**
   * The pinned {@code system} image of {@code major}, with Barman Cloud for the in-tree store, or
   * empty.
   */
  public static Optional<String> system(int major) {
    return image(major, "system");
  }

  private static Optional<String> image(int major, String type) {
    Optional<String> minor = minor(major); // no lambda: asked in every service's render
    return minor.isPresent()
        ? Optional.of(REPOSITORY + ":" + minor.get() + "-" + type + "-trixie")
        : Optional.empty();
  }
}
