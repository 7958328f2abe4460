package dev.kit.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a manifest as YAML text in one pass, in canonical key order, from its JSON tree or, for an
 * object no patch changes, straight from kit's records, maps and lists (one walk serves both, so
 * the bytes are the same), producing the bytes the YAML library (Jackson's YAML generator over
 * snakeyaml-engine, configured as {@link ManifestYaml#libraryYaml} is) would write, without its
 * per-event machinery: a cold run otherwise spends a third of its render time there.
 *
 * <p>It knows the shapes manifests have: block mappings, block sequences as mapping values or as
 * the top of a sequence item's mapping, empty ones as {@code {}} and {@code []}, strings, integers
 * and booleans. Strings hold printable ASCII and line feeds, or are one of the strings {@link
 * DoubleQuotedScalars} writes. For anything else (another character, a float, a null, a sequence
 * directly in a sequence, a key with a line feed or of 128 characters or more) {@link #file}
 * returns null and the caller asks the library. A test holds the two equal over a large generated
 * corpus.
 */
final class BlockYaml {

  /**
   * Kubernetes' order for an object's own keys; nested maps only put {@code name, namespace} first.
   */
  static final List<String> ROOT_FIRST_KEYS = List.of("apiVersion", "kind", "metadata", "spec");

  static final List<String> FIRST_KEYS = List.of("name", "namespace");

  /** The library writes a key this long or longer in the explicit {@code ? key} form. */
  private static final int SIMPLE_KEY_MAX = 128;

  /**
   * Columns a nested block mapping moves right, and a sequence's {@code -} moves right of its
   * parent's keys.
   */
  private static final int INDENT = 2;

  /** Bytes to start with: most manifests fit; a migrations ConfigMap grows it a few times. */
  private static final int INITIAL_CAPACITY = 8192;

  /** A thread keeps its writer's buffer up to this size for the next file. */
  private static final int KEPT_CAPACITY = 1 << 20;

  /**
   * Each rendering thread's buffer, reused file after file: a new buffer per file, grown a few
   * times for a migrations ConfigMap, was a fifth of a warm render's allocation. Only a {@code
   * byte[]}: a value of kit's own class on a pool thread would keep kit's class loader alive in a
   * long-lived JVM (a Maven daemon, an IDE) after the plugin is unloaded.
   */
  private static final ThreadLocal<byte[]> BUFFERS = new ThreadLocal<>();

  /**
   * YAML 1.1 booleans and nulls the library quotes; a string starting with {@code ~} (null too) is
   * told by its first character.
   */
  private static final Set<String> RESERVED =
      Set.copyOf(
          Arrays.asList(
              "false", "False", "FALSE", "n", "N", "no", "No", "NO", "null", "Null", "NULL", "on",
              "On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "y", "Y", "yes", "Yes",
              "YES"));

  private static final int RESERVED_MAX_LENGTH = maxLength(RESERVED);

  /** The longest of {@code words}' lengths: a loop, as a lambda costs a cold run ~0.5 ms. */
  private static int maxLength(Set<String> words) {
    int max = 0;
    for (String word : words) {
      max = Math.max(max, word.length());
    }
    return max;
  }

  /** Indicators that stop a plain scalar when they come first. */
  private static final String LEADING_INDICATORS = "#,[]{}&*!|>'\"%@`";

  /** Thrown inside the writer for a shape or character it leaves to the library. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  @SuppressWarnings(
      "StaticAssignmentOfThrowable") // no stack trace, never leaves the writer: control flow, made
  // once
  private static final Unsupported UNSUPPORTED = new Unsupported();

  /**
   * The UTF-8 text so far. Everything this writer writes itself is printable ASCII and line feeds,
   * so most of it is copied byte for byte, without a String or an encoder in between.
   */
  private byte[] out;

  private int length;

  private BlockYaml(byte[] buffer) {
    out = buffer;
  }

  /**
   * {@code header} (UTF-8), then the tree as YAML in canonical order; null when the tree holds
   * something this writer leaves to the library.
   *
   * @throws IllegalArgumentException when a string holds an unpaired surrogate, as {@link
   *     DoubleQuotedScalars} does
   */
  static byte @Nullable [] file(byte[] header, ObjectNode root) {
    return write(header, root);
  }

  /**
   * {@code header}, then {@code object} (one of kit's records) written straight from its fields,
   * maps, lists and scalars, without building its tree: the bytes {@link #file(byte[], ObjectNode)}
   * writes for {@link ObjectTrees#tree} of it, because both walk the same code below and read the
   * same properties. Null when the object holds what only the tree knows (fabric8's types, a null
   * in a list or map, a float, another type) or what the library writes.
   */
  static byte @Nullable [] file(byte[] header, Record object) {
    return write(header, object);
  }

  private static byte @Nullable [] write(byte[] header, Object root) {
    byte[] buffer = BUFFERS.get();
    BlockYaml yaml = new BlockYaml(buffer == null ? new byte[INITIAL_CAPACITY] : buffer);
    try {
      yaml.room(header.length);
      System.arraycopy(header, 0, yaml.out, 0, header.length);
      yaml.length = header.length;
      if (!yaml.mapping(root, 0, ROOT_FIRST_KEYS, true)) {
        return null; // an empty document is the library's
      }
      yaml.append('\n');
      return Arrays.copyOf(yaml.out, yaml.length);
    } catch (Unsupported unsupported) {
      return null;
    } finally {
      BUFFERS.set(yaml.out.length > KEPT_CAPACITY ? null : yaml.out);
    }
  }

  /**
   * Key order: {@code firstKeys} in their order, then the rest by {@link String#compareTo}. A
   * record's keys are ordered once, all of them: dropping those whose value is left out keeps the
   * order of the others.
   */
  static String[] orderedKeys(Collection<String> names, List<String> firstKeys) {
    String[] keys = new String[names.size()];
    int first = 0;
    for (String key : firstKeys) {
      if (names.contains(key)) {
        keys[first++] = key;
      }
    }
    int rest = first;
    for (String key : names) {
      if (first == 0 || !firstKeys.contains(key)) {
        keys[rest++] = key;
      }
    }
    Arrays.sort(keys, first, rest);
    return keys;
  }

  /**
   * A record type's properties in key order, at a document's root and nested, each with its key as
   * written.
   */
  @SuppressWarnings("ArrayRecordComponent") // one per record type, never compared
  private record RecordKeys(RecordKey[] atRoot, RecordKey[] nested) {

    /** Null for a type the tree path must write. */
    static @Nullable RecordKeys of(Class<?> type) {
      List<ObjectTrees.Property> properties = ObjectTrees.properties(type);
      if (properties == null) {
        return null;
      }
      Map<String, RecordKey> byName = new HashMap<>();
      for (ObjectTrees.Property property : properties) {
        byte[] written = RecordKey.written(property.name());
        if (written == null) {
          return null;
        }
        byName.put(property.name(), new RecordKey(property, written));
      }
      if (byName.size() != properties.size()) {
        return null; // two properties of one name: the tree keeps the last, leave it that way
      }
      return new RecordKeys(ordered(byName, ROOT_FIRST_KEYS), ordered(byName, FIRST_KEYS));
    }

    /** An array, not a list: a loop over a list makes an iterator per object written. */
    private static RecordKey[] ordered(Map<String, RecordKey> byName, List<String> firstKeys) {
      String[] names = orderedKeys(byName.keySet(), firstKeys);
      RecordKey[] ordered = new RecordKey[names.length];
      for (int i = 0; i < names.length; i++) {
        ordered[i] = byName.get(names[i]);
      }
      return ordered;
    }
  }

  /**
   * A record property and its key up to and with its {@code :}, quoted as {@link #key} quotes it:
   * found once per type instead of for every object.
   */
  @SuppressWarnings("ArrayRecordComponent") // one per property of a type, never compared
  private record RecordKey(ObjectTrees.Property property, byte[] written) {

    /**
     * Null for a key the tree path must write: not printable ASCII (its form can depend on its
     * column) or one this writer leaves to the library.
     */
    static byte @Nullable [] written(String name) {
      BlockYaml key = new BlockYaml(new byte[name.length() + 8]);
      try {
        if (!printableAscii(name)) {
          return null;
        }
        key.key(name, 0);
      } catch (Unsupported unsupported) {
        return null;
      }
      key.append(':');
      return Arrays.copyOf(key.out, key.length);
    }
  }

  /** Each record type's keys, found once: an {@link Optional} as ClassValue holds no null. */
  private static final ClassValue<Optional<RecordKeys>> RECORD_KEYS =
      new ClassValue<>() {
        @Override
        protected Optional<RecordKeys> computeValue(Class<?> type) {
          return Optional.ofNullable(RecordKeys.of(type));
        }
      };

  /**
   * A block mapping (a JSON object, one of kit's records or a map) whose keys sit at {@code
   * column}; the first key goes where the text ends when {@code inline} (the document's start, or
   * after a sequence item's {@code "- "}), the others on lines of their own.
   *
   * @return whether it wrote a key: the caller writes {@code {}} where it did not
   */
  private boolean mapping(Object mapping, int column, List<String> firstKeys, boolean inline) {
    int written = 0;
    if (mapping instanceof ObjectNode object) {
      for (String key : orderedKeys(object.propertyNames(), firstKeys)) {
        entry(key, object.get(key), column, inline && written == 0);
        written++;
      }
    } else if (mapping instanceof Record record) {
      RecordKeys keys = RECORD_KEYS.get(record.getClass()).orElse(null);
      if (keys == null) {
        throw UNSUPPORTED;
      }
      // Only the root's keys put apiVersion, kind, metadata and spec first.
      for (RecordKey key : firstKeys == ROOT_FIRST_KEYS ? keys.atRoot() : keys.nested()) {
        Object value = key.property().value(record);
        if (value != null) {
          if (!inline || written > 0) {
            newLine(column);
          }
          append(key.written());
          node(value, column, false);
          written++;
        }
      }
    } else if (mapping instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!(key instanceof String)) {
          throw UNSUPPORTED;
        }
      }
      @SuppressWarnings("unchecked") // every key is a String, checked above
      Collection<String> names = (Collection<String>) map.keySet();
      for (String key : orderedKeys(names, firstKeys)) {
        entry(key, map.get(key), column, inline && written == 0);
        written++;
      }
    } else {
      throw UNSUPPORTED;
    }
    return written > 0;
  }

  /** One key and its value, on a line of its own unless {@code inline}. */
  private void entry(String key, @Nullable Object value, int column, boolean inline) {
    if (!inline) {
      newLine(column);
    }
    key(key, column);
    append(':');
    node(value, column, false);
  }

  /**
   * A block sequence (a JSON array or a collection) whose {@code -} indicators sit at {@code
   * column}, each on a line of its own.
   *
   * @return whether it wrote an item: the caller writes {@code []} where it did not
   */
  private boolean sequence(Iterable<?> sequence, int column) {
    boolean written = false;
    for (Object item : sequence) {
      written = true;
      newLine(column);
      append('-');
      node(item, column, true);
    }
    return written;
  }

  /**
   * A value after its indicator, a key's {@code :} or a sequence {@code item}'s {@code -} at {@code
   * column}: a space and a scalar, a literal block, or the nested block mapping or sequence. Both
   * indicators share it so that C2, compiling the walk's recursion, inlines each writer once
   * (PROFILE.md 15, perf7-yaml).
   */
  private void node(@Nullable Object value, int column, boolean item) {
    if (value instanceof String text) {
      string(text, column);
    } else if (value instanceof AsciiLines lines) {
      lines(lines, column);
    } else if (value instanceof Record
        || value instanceof Map<?, ?>
        || value instanceof ObjectNode) {
      if (item) {
        append(' '); // the item's first key follows its "- " on the same line
      }
      if (!mapping(value, column + INDENT, FIRST_KEYS, item)) {
        append(item ? "{}" : " {}");
      }
    } else if (value instanceof Collection<?> || value instanceof ArrayNode) {
      // (Every JSON node is an Iterable: that alone does not tell a sequence.)
      if (item) {
        throw UNSUPPORTED; // a sequence directly in a sequence
      }
      if (!sequence((Iterable<?>) value, column + INDENT)) {
        append(" []");
      }
    } else if (value instanceof JsonNode node && node.isString()) {
      string(node.asString(), column);
    } else {
      append(' ');
      scalar(value);
    }
  }

  private void newLine(int column) {
    append('\n');
    indent(column);
  }

  private void indent(int column) {
    room(column);
    Arrays.fill(out, length, length + column, (byte) ' ');
    length += column;
  }

  private void room(int more) {
    if (length + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
    }
  }

  /** A printable ASCII character or a line feed. */
  private void append(char c) {
    room(1);
    out[length++] = (byte) c;
  }

  /** Printable ASCII and line feeds. */
  private void append(String ascii) {
    append(ascii, 0, ascii.length());
  }

  /** Printable ASCII and line feeds, from {@code start} to {@code end}. */
  @SuppressWarnings("deprecation") // copies a Latin-1 string's bytes as they are: what ASCII needs
  private void append(String ascii, int start, int end) {
    room(end - start);
    ascii.getBytes(start, end, out, length);
    length += end - start;
  }

  /** Bytes already written once: a record's key, encoded text. */
  private void append(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, out, length, bytes.length);
    length += bytes.length;
  }

  /** Any text, encoded. */
  private void appendUtf8(String text) {
    append(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A one-line string value, plain where the library writes it plain; with a line feed, a literal
   * block indented to {@code column} + {@value #INDENT}.
   */
  private void string(String text, int column) {
    if (text.indexOf('\n') >= 0) {
      multiLine(text, column + INDENT);
      return;
    }
    append(' ');
    if (!printableAscii(text)) {
      appendUtf8(DoubleQuotedScalars.quoted(text));
    } else if (text.isEmpty() || needToQuoteValue(text)) {
      doubleQuoted(text);
    } else if (allowsPlain(text)) {
      append(text);
    } else {
      singleQuoted(text);
    }
  }

  /**
   * A migration's text as {@link #string} writes its string, its lines copied from the file's bytes
   * when it is a literal block: the same bytes, without decoding the file (PROFILE.md 17.2).
   */
  private void lines(AsciiLines text, int column) {
    if (!text.literalBlock()) {
      string(text.toString(), column); // one line, or a space at a line's end: rare, and as before
      return;
    }
    // multiLine's block, for text it has already checked: printable ASCII and line feeds, one at
    // least, no space at a line's end.
    ByteBuffer bytes = text.bytes();
    int end = bytes.limit();
    append(' ');
    blockHeader(bytes.get(0), bytes.get(end - 1), end == 1 ? -1 : bytes.get(end - 2));
    int indent = column + INDENT;
    int lineStart = 0;
    while (lineStart < end) {
      int lineEnd = lineEnd(bytes, lineStart, end);
      if (lineEnd > lineStart) {
        indent(indent);
        int n = lineEnd - lineStart;
        room(n);
        bytes.get(lineStart, out, length, n);
        length += n;
      }
      append('\n');
      lineStart = lineEnd + 1;
    }
    length--; // the caller's next line starts with its own line feed
  }

  /** Where the line from {@code start} ends: its line feed, or {@code end}. */
  private static int lineEnd(ByteBuffer bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      if (bytes.get(i) == '\n') {
        return i;
      }
    }
    return end;
  }

  /**
   * An integer or a boolean (a JSON node or a Java value); a null, a float or anything else is the
   * library's to write, or the tree's to build.
   */
  private void scalar(@Nullable Object value) {
    String text;
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      text = value.toString();
    } else if (value instanceof JsonNode node && (node.isBoolean() || node.isIntegralNumber())) {
      text = node.asString();
    } else {
      throw UNSUPPORTED; // floats, nulls, binary and POJO nodes are the library's
    }
    append(text);
  }

  /** A key, at {@code column}, up to its {@code :}. */
  private void key(String key, int column) {
    if (!printableAscii(key)) {
      String quoted = DoubleQuotedScalars.quoted(key);
      if (quoted.length() > SIMPLE_KEY_MAX) {
        append("? ");
      }
      appendUtf8(quoted);
      if (quoted.length() > SIMPLE_KEY_MAX) {
        newLine(column);
      }
      return;
    }
    if (key.isEmpty() || key.length() >= SIMPLE_KEY_MAX) {
      throw UNSUPPORTED;
    }
    if (reserved(key)
        || key.charAt(0) == '~'
        || ManifestYaml.NUMBER_START.indexOf(key.charAt(0)) >= 0) {
      doubleQuoted(key);
    } else if (allowsPlain(key) && !indicatorInside(key)) {
      append(key);
    } else {
      singleQuoted(key);
    }
  }

  /** Single-quoted, its quotes doubled: a string plain would not read back as. */
  private void singleQuoted(String text) {
    append('\'');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        append('\'');
      }
      append(c);
    }
    append('\'');
  }

  /**
   * A string with a line feed, after its indicator: a literal block indented to {@code column};
   * where a block cannot hold it (a space at a line's end), a double-quoted scalar; a string {@link
   * DoubleQuotedScalars} must write, as that. A scan over the text decides, then its lines are
   * copied whole: a migrations ConfigMap carries tens of kilobytes of SQL in such blocks.
   */
  private void multiLine(String text, int column) {
    int end = text.length();
    if (!printableAsciiLines(text)) {
      if (DoubleQuotedScalars.needsQuoting(text)) {
        append(' ');
        appendUtf8(DoubleQuotedScalars.quoted(text));
        return;
      }
      throw UNSUPPORTED; // not printable ASCII: the library's to write
    }
    append(' ');
    if (text.contains(" \n") || text.charAt(end - 1) == ' ') {
      doubleQuoted(text); // a block would lose the space at a line's end
      return;
    }
    blockHeader(text.charAt(0), text.charAt(end - 1), end == 1 ? -1 : text.charAt(end - 2));
    int lineStart = 0;
    while (lineStart < end) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = end;
      }
      if (lineEnd > lineStart) {
        indent(column);
        append(text, lineStart, lineEnd);
      }
      append('\n');
      lineStart = lineEnd + 1;
    }
    length--; // the caller's next line starts with its own line feed
  }

  /**
   * A literal block's header line, from the text's first, last and next-to-last characters (-1 when
   * the text is one character): {@code |}, the indentation indicator when the text starts with a
   * space or a line feed (the block's own indentation cannot tell where its text starts), and the
   * chomping indicator: {@code -} without a final line feed, {@code +} when it ends with two or is
   * a lone line feed.
   */
  private void blockHeader(int first, int last, int beforeLast) {
    append('|');
    if (first == ' ' || first == '\n') {
      append((char) ('0' + INDENT));
    }
    if (last != '\n') {
      append('-');
    } else if (beforeLast == -1 || beforeLast == '\n') {
      append('+');
    }
    append('\n');
  }

  /** Double-quoted, escaping what printable ASCII and line feeds need. */
  private void doubleQuoted(String text) {
    append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> append("\\\"");
        case '\\' -> append("\\\\");
        case '\n' -> append("\\n");
        default -> append(c);
      }
    }
    append('"');
  }

  /**
   * Whether a one-line string is printable ASCII, which this writer writes; otherwise {@link
   * DoubleQuotedScalars} writes it where it must, and the library anything else.
   *
   * @throws Unsupported when the string is neither
   */
  private static boolean printableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        if (DoubleQuotedScalars.needsQuoting(text)) {
          return false;
        }
        throw UNSUPPORTED;
      }
    }
    return true;
  }

  /**
   * Whether {@code text} holds only printable ASCII and line feeds. Its own small loop: a long SQL
   * text makes C2 compile the loop on the stack (OSR) before the method around it (PROFILE.md 15,
   * perf7-yaml).
   */
  private static boolean printableAsciiLines(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 || c > 0x7E) && c != '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code text} is in {@link #RESERVED}, without hashing the long strings it never holds.
   */
  private static boolean reserved(String text) {
    return text.length() <= RESERVED_MAX_LENGTH && RESERVED.contains(text);
  }

  /**
   * Whether the library quotes this one-line string value: a YAML 1.1 boolean or null, a flow
   * indicator, a {@code #} that starts a comment, a {@code :} that ends a key, what reads as a
   * number or a timestamp.
   */
  static boolean needToQuoteValue(String text) {
    if (reserved(text) || text.charAt(0) == '~') {
      return true;
    }
    // The character before is carried, not read again at i - 1: C2 hoisted that range check on the
    // profile, the check failed and the compile was thrown away (PROFILE.md 15, perf7-yaml). A '#'
    // first starts a comment, as one after a space does.
    char previous = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '[', ']', '{', '}', ',' -> {
          return true;
        }
        case '#' -> {
          if (previous == ' ') {
            return true;
          }
        }
        case ' ' -> {
          if (previous == ':') {
            return true;
          }
        }
        default -> {}
      }
      previous = c;
    }
    // Most strings skip the number and timestamp scans by their first character.
    return previous == ':'
        || (ManifestYaml.NUMBER_START.indexOf(text.charAt(0)) >= 0
            && (plainNumber(text) || ManifestYaml.yaml11Value(text)));
  }

  /**
   * Whether the library reads {@code text} as a number, {@code [+-]?[0-9]*(\.[0-9]*)?} (a lone sign
   * or dot too); its other number shapes, JSON's integers and floats, are all YAML 1.1 numbers
   * ({@link ManifestYaml#yaml11Number}).
   */
  private static boolean plainNumber(String text) {
    int start = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
    int end = ManifestYaml.digitsEnd(text, start);
    if (end < text.length() && text.charAt(end) == '.') {
      end = ManifestYaml.digitsEnd(text, end + 1);
    }
    return end == text.length();
  }

  /**
   * Whether a one-line printable-ASCII string reads back as itself when written plain in block
   * context, as far as its ends tell: no leading or trailing space, no document marker or indicator
   * first. {@link #needToQuoteValue} and, for a key, {@link #indicatorInside} look inside.
   */
  private static boolean allowsPlain(String text) {
    int length = text.length();
    char first = text.charAt(0);
    boolean followedBySpace = length == 1 || text.charAt(1) == ' ';
    return first != ' '
        && text.charAt(length - 1) != ' '
        && LEADING_INDICATORS.indexOf(first) < 0
        && !((first == '?' || first == ':' || first == '-') && followedBySpace)
        && !((first == '-' || first == '.') && (text.startsWith("---") || text.startsWith("...")));
  }

  /**
   * Whether a key that {@link #allowsPlain} holds a {@code ": "} or a {@code " #"} or ends with
   * {@code :}, which a plain key cannot.
   */
  private static boolean indicatorInside(String key) {
    char previous = key.charAt(0);
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if ((previous == ':' && c == ' ') || (previous == ' ' && c == '#')) {
        return true;
      }
      previous = c;
    }
    return previous == ':';
  }
}
