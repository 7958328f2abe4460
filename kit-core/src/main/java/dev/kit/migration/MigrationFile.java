package dev.kit.migration;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One migration file as Atlas sees it: its base name and its raw bytes, never normalised.
 *
 * @param name the base name, such as {@code 20250101120000_create_orders.sql}
 * @param content the file's bytes (CRLF, BOM and a missing final newline are kept)
 */
@SuppressWarnings("ArrayRecordComponent") // equals and hashCode below compare the bytes
public record MigrationFile(String name, byte[] content) {

  public MigrationFile {
    Objects.requireNonNull(name, "name");
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The version: what precedes the first {@code _}, or the whole name without {@code .sql}. */
  public String version() {
    String stem = name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
    int underscore = stem.indexOf('_');
    return underscore < 0 ? stem : stem.substring(0, underscore);
  }

  /**
   * A copy of the first {@code max} bytes (all of them when the file is shorter), for a look at its
   * header.
   */
  public byte[] head(int max) {
    return Arrays.copyOf(content, Math.min(max, content.length));
  }

  /** The size in bytes, without copying the content. */
  public int size() {
    return content.length;
  }

  byte[] rawContent() {
    return content;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MigrationFile other
        && name.equals(other.name)
        && Arrays.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return name + " (" + content.length + " bytes)";
  }

  /**
   * Orders names as Go compares strings, byte by byte in UTF-8, which is how Atlas sorts files.
   * UTF-8 keeps the order of code points, and so does UTF-16 but for surrogates: only names that
   * first differ at a surrogate are encoded to compare.
   */
  static int compareNames(String a, String b) {
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Character.isSurrogate(x) || Character.isSurrogate(y)
            ? Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))
            : x - y;
      }
    }
    return a.length() - b.length();
  }
}
