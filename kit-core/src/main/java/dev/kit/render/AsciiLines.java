package dev.kit.render;

import dev.kit.migration.MigrationFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A file's text held as the file's own bytes, for a migrations ConfigMap's {@code data}: only
 * printable ASCII and line feeds, so each byte is its character and the string {@link
 * MigrationFile#utf8Text} would decode is these bytes as they are. {@link BlockYaml} copies its
 * lines into the YAML without that string, which decoding every migration and encoding it back cost
 * a render (PROFILE.md 17.2); the tree path and anything else read {@link #toString}, the same
 * string.
 */
final class AsciiLines implements CharSequence {

  /** The file's bytes, read-only and not copied. */
  private final ByteBuffer bytes;

  private final boolean literalBlock;

  private AsciiLines(ByteBuffer bytes, boolean literalBlock) {
    this.bytes = bytes;
    this.literalBlock = literalBlock;
  }

  /** The file's text, when its bytes are all printable ASCII or line feeds; otherwise null. */
  static @Nullable AsciiLines of(MigrationFile file) {
    ByteBuffer bytes = file.view();
    int end = bytes.limit();
    // The previous byte is carried, not read again at i - 1 (PROFILE.md 15, perf7-yaml).
    byte previous = 0;
    boolean spaceAtLineEnd = false;
    boolean lineFeed = false;
    for (int i = 0; i < end; i++) {
      byte b = bytes.get(i);
      if (b == '\n') {
        lineFeed = true;
        spaceAtLineEnd |= previous == ' ';
      } else if (b < 0x20 || b > 0x7E) {
        return null;
      }
      previous = b;
    }
    return new AsciiLines(bytes, lineFeed && !spaceAtLineEnd && previous != ' ');
  }

  /**
   * Whether {@link BlockYaml} writes it as a literal block, as it writes the string: it holds a
   * line feed, and no space ends a line or the text.
   */
  boolean literalBlock() {
    return literalBlock;
  }

  /** The bytes, read-only; read them by absolute index. */
  ByteBuffer bytes() {
    return bytes;
  }

  @Override
  public int length() {
    return bytes.limit();
  }

  @Override
  public char charAt(int index) {
    return (char) bytes.get(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().substring(start, end);
  }

  /** The text, decoded: the same string {@link MigrationFile#utf8Text} returns. */
  @Override
  public String toString() {
    byte[] copy = new byte[bytes.limit()];
    bytes.get(0, copy);
    return new String(copy, StandardCharsets.US_ASCII);
  }
}
