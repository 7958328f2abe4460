package dev.kit.migration;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration file as Atlas sees it: its base name and its raw bytes, never normalised.
 * Immutable: it keeps its own copy of the bytes and hands out copies, or what it reads from them;
 * the one exception is {@link #handedOver}, whose caller gives up its array.
 */
public final class MigrationFile {

  private final String name;
  private final byte[] content;

  /**
   * @param name the base name, such as {@code 20250101120000_create_orders.sql}
   * @param content the file's bytes (CRLF, BOM and a missing final newline are kept), copied
   */
  public MigrationFile(String name, byte[] content) {
    this(name, content, true);
  }

  private MigrationFile(String name, byte[] content, boolean copy) {
    this.name = Objects.requireNonNull(name, "name");
    this.content = copy ? content.clone() : content;
  }

  /**
   * A file of {@code content}, which the caller hands over: kept, not copied, so the caller must
   * not change it after. For bytes made for this file alone, such as the {@code atlas.sum} and
   * {@code atlas.hcl} a migrations ConfigMap carries beside the migrations, which the plan holds
   * too (PROFILE.md 17.2).
   */
  public static MigrationFile handedOver(String name, byte[] content) {
    return new MigrationFile(name, content, false);
  }

  /**
   * Reads the file at {@code path}. The array {@link Files#readAllBytes} returns is no one else's,
   * so it is kept without the copy the constructor makes: a large history is read once, not twice.
   */
  static MigrationFile read(String name, Path path) throws IOException {
    return new MigrationFile(name, Files.readAllBytes(path), false);
  }

  /**
   * Reads {@code file} as {@link #read(String, Path)} does, through java.io: {@link
   * FileInputStream#readAllBytes} sizes its array by the file's length, so it too reads once.
   */
  static MigrationFile read(String name, File file) throws IOException {
    try (FileInputStream in = new FileInputStream(file)) {
      return new MigrationFile(name, in.readAllBytes(), false);
    }
  }

  /**
   * Reads {@code file} as {@link #read(String, File)} does, given its {@code size} from a {@code
   * stat} the caller made anyway: the array is sized by it, so the read needs neither the {@code
   * fstat} nor the {@code lseek} that {@link FileInputStream#readAllBytes} makes to size its own
   * (two of a migration's eight system calls; PROFILE.md section 17.3). The bytes are what is in
   * the file when it is read, as before: a file that has shrunk or grown since the {@code stat} is
   * read to its end all the same.
   */
  static MigrationFile read(String name, File file, long size) throws IOException {
    if (size <= 0 || size > MAX_ARRAY) {
      return read(name, file); // nothing to size by (a link's target, an empty file), or too large
    }
    try (FileInputStream in = new FileInputStream(file)) {
      byte[] bytes = new byte[(int) size];
      int read = in.readNBytes(bytes, 0, bytes.length);
      if (read < bytes.length) {
        return new MigrationFile(name, Arrays.copyOf(bytes, read), false); // shrunk since
      }
      if (in.read() < 0) {
        return new MigrationFile(name, bytes, false);
      }
    }
    return read(name, file); // grown since: read again, whole (a file edited mid-run is rare)
  }

  /** The largest array {@link FileInputStream#readAllBytes} allocates, as the JDK bounds it. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** The base name, such as {@code 20250101120000_create_orders.sql}. */
  public String name() {
    return name;
  }

  /** A copy of the file's bytes. */
  public byte[] content() {
    return content.clone();
  }

  /** The file's bytes as a read-only buffer, without a copy: what a digest reads. */
  public ByteBuffer view() {
    return ByteBuffer.wrap(content).asReadOnlyBuffer();
  }

  /** The version: what precedes the first {@code _}, or the whole name without {@code .sql}. */
  public String version() {
    int stemEnd = name.endsWith(".sql") ? name.length() - ".sql".length() : name.length();
    int underscore = name.indexOf('_');
    return name.substring(0, underscore < 0 ? stemEnd : underscore);
  }

  /** The size in bytes, without copying the content. */
  public int size() {
    return content.length;
  }

  /** The content as text when it is well-formed UTF-8; empty when it is not. */
  public Optional<String> utf8Text() {
    // Lenient decoding is fast and puts U+FFFD where the bytes are not UTF-8: without one, they
    // were (a U+FFFD written in the file is checked strictly).
    String lenient = new String(content, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return Optional.of(lenient);
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * The content as a ConfigMap's {@code data} value: well-formed UTF-8 with no byte order mark
   * anywhere (one inside a YAML document is not portable across parsers); empty when only {@code
   * binaryData}, base64, keeps it exact.
   */
  public Optional<String> configMapText() {
    Optional<String> text = utf8Text();
    return text.isPresent() && text.get().indexOf('\uFEFF') >= 0 ? Optional.empty() : text;
  }

  /** Whether the file starts with a UTF-8 byte order mark ({@code EF BB BF}). */
  public boolean startsWithByteOrderMark() {
    return content.length >= 3
        && content[0] == (byte) 0xEF
        && content[1] == (byte) 0xBB
        && content[2] == (byte) 0xBF;
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
