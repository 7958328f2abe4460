package dev.kit.cache;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.Sha256;
import dev.kit.model.Kit;
import dev.kit.render.DatabaseProvider;
import dev.kit.render.DatabaseProviders;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 fingerprints of everything that decides a service's generated files, for {@link
 * GenerationCache}.
 *
 * <p>A service's fingerprint covers the whole description (every service, not just this one: a
 * restore reads another service's backups, and any such cross-reference added later stays covered),
 * the source the headers name, kit's own code and the libraries that render (see {@link
 * #codeVersion()}), and the bytes the service reads from disk: its migrations and its declarative
 * schema.
 *
 * <p>The description is digested by walking its values reflectively rather than through a JSON
 * mapper: every record component, and every instance field of a model class ({@code
 * dev.kit.model}), in name order, is written with its type's class name, so two types with equal
 * fields never collide, and a value of a type this walk does not know makes the fingerprint fail,
 * so the service is rendered instead of being skipped on a guess. Maps and collections are written
 * in their iteration order: the model's maps are sorted (or insertion-ordered, which also decides
 * the output), so an equal description digests equally.
 */
public final class Fingerprint {

  private Fingerprint() {}

  /**
   * The digest of {@code kit} and {@code source}, computed once per generation and shared by its
   * services.
   *
   * @throws IllegalArgumentException when the description holds a value whose type is not known to
   *     be plain data, naming where ({@code platform.cloudnativePg.values[podLabels]: cannot
   *     fingerprint a java.net.URI})
   */
  public static byte[] ofDescription(Kit kit, String source) {
    DescriptionStream stream = new DescriptionStream(Sha256.newDigest());
    stream.string("kit-fingerprint-1");
    stream.string(codeVersion());
    stream.string(source);
    stream.value(kit);
    return stream.digest();
  }

  /**
   * The fingerprint of one service, as lowercase hex.
   *
   * @param description {@link #ofDescription} of the kit being generated
   * @param migrations the service's migration files, or null when it has none
   * @param schema the service's declarative schema SQL, or null when it has none
   */
  public static String ofService(
      byte[] description,
      String service,
      @Nullable MigrationDirectory migrations,
      @Nullable String schema) {
    MessageDigest digest = Sha256.newDigest();
    digest.update(description);
    update(digest, service);
    if (migrations == null) {
      update(digest, "no migrations");
    } else {
      update(digest, "migrations " + migrations.files().size());
      migrations.digest(digest);
    }
    if (schema == null) {
      update(digest, "no schema");
    } else {
      update(digest, "schema");
      update(digest, schema);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A digest of the code that renders: kit-core, its templates, and the libraries that build and
   * print the YAML, each as the name, size and CRC-32 of every file of its jar (or of its classes
   * folder), computed once per JVM. Any change to how kit renders changes one of them, so a cache
   * written by another kit is never trusted.
   *
   * @throws IllegalStateException when kit's code, or a library's, cannot be found or read
   */
  public static String codeVersion() {
    return known(CodeVersion.VALUE, CodeVersion.FAILURE);
  }

  /** {@code version}, or the failure that kept it from being known, with what to do about it. */
  static String known(@Nullable String version, @Nullable RuntimeException failure) {
    if (version == null) {
      throw new IllegalStateException(
          "cannot read kit's own code to fingerprint it: "
              + (failure == null ? "no reason given" : failure.getMessage())
              + " (reinstall that jar; until then the generation cache is off and every service"
              + " renders)",
          failure);
    }
    return version;
  }

  /** Computed on first use, once. */
  static final class CodeVersion {
    /**
     * Classes whose code decides the output: kit-core first (its renderers write every text; a
     * generation never uses kit-templates); the rest are its renderers' libraries.
     */
    private static final List<String> ANCHORS =
        List.of(
            "dev.kit.Generator",
            "tools.jackson.databind.ObjectMapper",
            "tools.jackson.core.JsonGenerator",
            "tools.jackson.dataformat.yaml.YAMLMapper",
            "org.snakeyaml.engine.v2.api.Dump",
            "io.fabric8.kubernetes.api.model.Quantity");

    /**
     * Null when kit's code could not be read ({@link #FAILURE} says why): then nothing is
     * fingerprinted, and every service renders.
     */
    private static final @Nullable String VALUE;

    private static final @Nullable RuntimeException FAILURE;

    static {
      String value = null;
      RuntimeException failure = null;
      try {
        value = compute();
      } catch (RuntimeException e) {
        failure = e;
      }
      VALUE = value;
      FAILURE = failure;
    }

    private static String compute() {
      List<Class<?>> providers = new ArrayList<>();
      for (DatabaseProvider provider : DatabaseProviders.all()) {
        providers.add(provider.getClass());
      }
      return compute(providers);
    }

    /** The version of kit's code with these database providers, in their order. */
    static String compute(List<Class<?>> providers) {
      MessageDigest digest = Sha256.newDigest();
      update(digest, Runtime.version().toString());
      // One jar often holds several anchors (a shaded jar holds them all): each is read once.
      List<Path> read = new ArrayList<>();
      for (String anchor : ANCHORS) {
        Class<?> type;
        try {
          type = Class.forName(anchor, false, Fingerprint.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          update(
              digest,
              "absent "
                  + anchor); // a library kit no longer uses; its absence is part of the version
          continue;
        }
        update(digest, anchor);
        codeOf(digest, type, read);
      }
      // Database providers on the class path besides kit-core's (a plugin dependency, a build
      // script's own) render too, and their order decides which one hosts a database.
      for (Class<?> provider : providers) {
        update(digest, "provider " + provider.getName());
        codeOf(digest, provider, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    /** Digests the jar or folder {@code type} came from, or which one above it was. */
    private static void codeOf(MessageDigest digest, Class<?> type, List<Path> read) {
      Path location = location(type);
      if (read.contains(location)) {
        update(digest, "read above as code " + read.indexOf(location));
        return;
      }
      read.add(location);
      try {
        code(digest, location);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the code of " + type.getName() + " at " + location, e);
      }
    }

    private static Path location(Class<?> type) {
      CodeSource code = type.getProtectionDomain().getCodeSource();
      URL location = code == null ? null : code.getLocation();
      if (location == null) {
        throw new IllegalStateException("cannot locate the code of " + type.getName());
      }
      try {
        return Path.of(location.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "cannot locate the code of " + type.getName() + " at " + location, e);
      }
    }
  }

  /**
   * Digests the code at {@code location}, a jar or a folder of classes, as the size and CRC-32 of
   * each of its files and the length and CRC-32 of its name, in the jar's order (or the folder's,
   * sorted). A jar's central directory already holds them, so nothing is inflated or hashed:
   * hashing a 13 MB jar with SHA-256 took most of a cached no-op's CPU in a cold JVM. A folder's
   * files are read and their CRC-32 computed, which the JDK does natively. A changed file changes
   * its size or, but for a one in 2^32 chance, its CRC-32; a jar's timestamps and compression do
   * not count.
   */
  static void code(MessageDigest digest, Path location) throws IOException {
    if (!Files.isDirectory(location)) {
      byte[] directory = centralDirectory(location);
      if (directory == null) {
        codeThroughZipFile(digest, location);
      } else {
        CodeListing listing = new CodeListing(digest);
        listCentralDirectory(listing, directory, location);
        listing.finish();
      }
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(location)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    CodeListing listing = new CodeListing(digest);
    CRC32 crc = new CRC32();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      crc.reset();
      crc.update(bytes);
      byte[] name =
          location.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8);
      listing.add(name, 0, name.length, bytes.length, crc.getValue());
    }
    listing.finish();
  }

  /**
   * The listing {@link #code} digests for a jar, read through the JDK: for a jar whose directory
   * {@link #centralDirectory} does not read.
   */
  static void codeThroughZipFile(MessageDigest digest, Path jar) throws IOException {
    CodeListing listing = new CodeListing(digest);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        if (!entry.isDirectory()) {
          byte[] name = entry.getName().getBytes(StandardCharsets.UTF_8);
          listing.add(name, 0, name.length, entry.getSize(), entry.getCrc());
        }
      }
    }
    listing.finish();
  }

  private static final int END_SIGNATURE = 0x06054b50;
  private static final int END_SIZE = 22;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_LOCATOR_SIZE = 20;
  private static final int ENTRY_SIGNATURE = 0x02014b50;
  private static final int ENTRY_SIZE = 46;

  /**
   * The jar's central directory, read in one piece; null when the jar has a Zip64 end record (over
   * 65,535 entries or 4 GB, or a tool that always writes one) or an end record this does not find,
   * which {@link ZipFile} then reads. Through {@code ZipFile.entries()}, a {@code ZipEntry} and a
   * name per file, a 7,000-entry jar made the JDK's zip code hot enough for both compilers in a
   * cold run (PROFILE.md, section 16.1).
   */
  static byte @Nullable [] centralDirectory(Path jar) throws IOException {
    try (FileChannel channel = FileChannel.open(jar)) {
      long size = channel.size();
      // The end record is the last thing in the file but for a comment of at most 65,535 bytes; a
      // Zip64 end locator would be right before it.
      int tailSize = (int) Math.min(size, ZIP64_LOCATOR_SIZE + END_SIZE + 0xFFFF);
      byte[] tail = read(channel, size - tailSize, tailSize);
      for (int end = tailSize - END_SIZE; end >= 0; end--) {
        if (int32(tail, end) == END_SIGNATURE
            && end + END_SIZE + int16(tail, end + 20) == tailSize) {
          long directorySize = Integer.toUnsignedLong(int32(tail, end + 12));
          long endPosition = size - tailSize + end;
          if (int16(tail, end + 10) == 0xFFFF
              || directorySize == 0xFFFF_FFFFL
              || int32(tail, end + 16) == -1
              || (end >= ZIP64_LOCATOR_SIZE
                  && int32(tail, end - ZIP64_LOCATOR_SIZE) == ZIP64_LOCATOR_SIGNATURE)
              || directorySize > endPosition
              || directorySize > Integer.MAX_VALUE - 8) { // beyond one array: ZipFile's to read
            return null;
          }
          // The directory ends where the end record starts (its recorded offset is wrong for a
          // jar with a prefix, such as a launcher script).
          return read(channel, endPosition - directorySize, (int) directorySize);
        }
      }
      return null;
    }
  }

  private static byte[] read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new EOFException("the file ended before its zip directory");
      }
    }
    return buffer.array();
  }

  private static void listCentralDirectory(CodeListing listing, byte[] directory, Path jar)
      throws ZipException {
    int at = 0;
    while (at < directory.length) {
      if (directory.length - at < ENTRY_SIZE || int32(directory, at) != ENTRY_SIGNATURE) {
        throw new ZipException("not a zip directory entry at byte " + at + " of " + jar);
      }
      int name = at + ENTRY_SIZE;
      int nameLength = int16(directory, at + 28);
      int next = name + nameLength + int16(directory, at + 30) + int16(directory, at + 32);
      if (next > directory.length) {
        throw new ZipException("a zip directory entry runs past its end in " + jar);
      }
      if (nameLength > 0 && directory[name + nameLength - 1] != '/') { // not a folder
        listing.add(
            directory, name, nameLength, int32(directory, at + 24), int32(directory, at + 16));
      }
      at = next;
    }
  }

  /** A zip's little-endian unsigned 16-bit number at {@code at}. */
  private static int int16(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
  }

  /** A zip's little-endian 32-bit number at {@code at}. */
  private static int int32(byte[] bytes, int at) {
    return int16(bytes, at) | int16(bytes, at + 2) << 16;
  }

  /**
   * The files of one location, 16 bytes each (the length and CRC-32 of its name, its size and its
   * CRC-32), digested a block at a time: thousands of small updates, or a digest of every name,
   * cost a cold JVM more than the rest of this. Plain array stores rather than a {@code
   * ByteBuffer}: a cold JVM interprets this for thousands of files, and each buffer call cost it
   * more than the work.
   */
  private static final class CodeListing {
    private final MessageDigest digest;
    private final CRC32 crc = new CRC32();
    private final byte[] block = new byte[64 * 1024];
    private int size;

    CodeListing(MessageDigest digest) {
      this.digest = digest;
    }

    /** Adds one file, its name being {@code name[offset, offset + length)} in UTF-8. */
    void add(byte[] name, int offset, int length, long fileSize, long fileCrc) {
      if (block.length - size < 4 * Integer.BYTES) {
        finish();
      }
      crc.reset();
      crc.update(name, offset, length);
      put(length);
      put((int) crc.getValue());
      put((int) fileSize);
      put((int) fileCrc);
    }

    void finish() {
      digest.update(block, 0, size);
      size = 0;
    }

    private void put(int value) {
      block[size++] = (byte) (value >>> 24);
      block[size++] = (byte) (value >>> 16);
      block[size++] = (byte) (value >>> 8);
      block[size++] = (byte) value;
    }
  }

  /**
   * A value whose type is not known to be plain data, with where the description holds it ({@code
   * platform.cloudnativePg.values[podLabels]}), built on the way out of the walk.
   */
  @SuppressWarnings("serial") // never serialized
  private static final class NotData extends IllegalArgumentException {
    private final String path;
    private final String type;

    NotData(String path, String type) {
      super(
          (path.isEmpty() ? "" : path + ": ")
              + "cannot fingerprint a "
              + type
              + " (the cache digests strings, numbers, booleans, enums, records, lists and maps:"
              + " pass the value as one of those)");
      this.path = path;
      this.type = type;
    }

    /** This failure one level up, inside {@code segment}: a component's name, or a key or index. */
    NotData under(String segment) {
      return new NotData(
          segment + (path.isEmpty() || path.startsWith("[") ? path : "." + path), type);
    }
  }

  /**
   * The description as the tagged byte stream the digest reads: each string as its length (8 bytes)
   * and UTF-8 bytes, each value after the tag of its kind and class. It is buffered and digested in
   * large blocks, and each class's tag and fields are worked out once: hundreds of thousands of
   * tiny {@code MessageDigest.update} calls cost a cold JVM far more than the hashing, and its
   * compiler then spent most of a second on the walk after it had finished (PROFILE section 14,
   * generation cache).
   */
  private static final class DescriptionStream {
    private final MessageDigest digest;
    private final byte[] buffer = new byte[16 * 1024];
    private int size;

    DescriptionStream(MessageDigest digest) {
      this.digest = digest;
    }

    /** Writes one value, tagged with its kind, so different shapes never digest alike. */
    void value(@Nullable Object value) {
      if (value == null) {
        bytes(NULL);
        return;
      }
      Shape shape = SHAPES.get(value.getClass());
      bytes(shape.tag());
      switch (shape.kind()) {
        case STRING -> string((String) value);
        case ENUM -> string(((Enum<?>) value).name());
        case PLAIN -> string(value.toString());
        case OPTIONAL -> {
          Optional<?> optional = (Optional<?>) value;
          bytes(optional.isPresent() ? PRESENT : ABSENT);
          if (optional.isPresent()) {
            value(optional.get());
          }
        }
        case RECORD -> {
          for (Component component : shape.components()) {
            bytes(component.name());
            try {
              value(component.read(value));
            } catch (NotData e) {
              throw e.under(component.field().getName());
            }
          }
        }
        case MAP -> {
          Map<?, ?> map = (Map<?, ?>) value;
          length(map.size());
          for (Map.Entry<?, ?> entry : map.entrySet()) {
            try {
              value(entry.getKey());
              value(entry.getValue());
            } catch (NotData e) {
              throw e.under("[" + entry.getKey() + "]");
            }
          }
        }
        case COLLECTION -> {
          Collection<?> collection = (Collection<?>) value;
          length(collection.size());
          int index = 0;
          for (Object element : collection) {
            try {
              value(element);
            } catch (NotData e) {
              throw e.under("[" + index + "]");
            }
            index++;
          }
        }
        case BYTES -> {
          byte[] bytes = (byte[]) value;
          length(bytes.length);
          bytes(bytes);
        }
        case UNKNOWN -> throw new NotData("", value.getClass().getName());
      }
    }

    /** A string, prefixed by its length so that no two sequences of strings digest alike. */
    void string(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      length(bytes.length);
      bytes(bytes);
    }

    private void length(long length) {
      if (buffer.length - size < Long.BYTES) {
        flush();
      }
      for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
        buffer[size++] = (byte) (length >>> shift);
      }
    }

    private void bytes(byte[] bytes) {
      if (buffer.length - size < bytes.length) {
        flush();
        if (bytes.length > buffer.length) {
          digest.update(bytes);
          return;
        }
      }
      System.arraycopy(bytes, 0, buffer, size, bytes.length);
      size += bytes.length;
    }

    private void flush() {
      digest.update(buffer, 0, size);
      size = 0;
    }

    byte[] digest() {
      flush();
      return digest.digest();
    }
  }

  /** An optional's tag says whether it holds a value; an unknown value is never written. */
  private static final byte[] NO_TAG = new byte[0];

  // The tags of the kinds that need no class name, each as DescriptionStream.string writes it.
  private static final byte[] NULL = encoded("null");
  private static final byte[] STRING = encoded("S");
  private static final byte[] PRESENT = encoded("O+");
  private static final byte[] ABSENT = encoded("O-");
  private static final byte[] MAP = encoded("M");
  private static final byte[] COLLECTION = encoded("C");
  private static final byte[] BYTES = encoded("B");

  /** What the walk does with a value, by its class. */
  private enum Kind {
    STRING,
    ENUM,
    /**
     * A number, boolean, character, instant or duration: its toString is exact and stable, and its
     * tag's class name tells 1 (Integer) from 1 (Long).
     */
    PLAIN,
    OPTIONAL,
    /**
     * A record, its components in declaration order, or a model class (see {@link #isModelClass}),
     * its fields in name order.
     */
    RECORD,
    MAP,
    COLLECTION,
    BYTES,
    /** Not known to be plain data: the fingerprint fails. */
    UNKNOWN
  }

  /**
   * How values of one class are written: their kind, the tag they start with (encoded, with the
   * class name where the kind has one) and, for a record or model class, its components in the
   * order they are written.
   */
  @SuppressWarnings("ArrayRecordComponent") // one per class, never compared
  private record Shape(Kind kind, byte[] tag, List<Component> components) {

    static Shape of(Class<?> type) {
      if (type == String.class) {
        return new Shape(Kind.STRING, STRING, List.of());
      } else if (Enum.class.isAssignableFrom(type)) {
        // a constant with a body is an instance of a subclass; its enum declares it
        Class<?> declaring = type.isEnum() ? type : type.getSuperclass();
        return new Shape(Kind.ENUM, encoded("E" + declaring.getName()), List.of());
      } else if (Number.class.isAssignableFrom(type)
          || type == Boolean.class
          || type == Character.class
          || type == Instant.class
          || type == Duration.class) {
        return new Shape(Kind.PLAIN, encoded("V" + type.getName()), List.of());
      } else if (type == Optional.class) {
        return new Shape(Kind.OPTIONAL, NO_TAG, List.of());
      } else if (type.isRecord() || isModelClass(type)) {
        return new Shape(Kind.RECORD, encoded("R" + type.getName()), components(type));
      } else if (Map.class.isAssignableFrom(type)) {
        return new Shape(Kind.MAP, MAP, List.of());
      } else if (Collection.class.isAssignableFrom(type)) {
        return new Shape(Kind.COLLECTION, COLLECTION, List.of());
      } else if (type == byte[].class) {
        return new Shape(Kind.BYTES, BYTES, List.of());
      }
      return new Shape(Kind.UNKNOWN, NO_TAG, List.of());
    }

    /**
     * A record's components, or a model class's instance fields sorted by name (the JVM promises no
     * order for {@link Class#getDeclaredFields()}), each read through its field: a record's state
     * is its fields, and on JDK 17 {@code Method.invoke} generates a class per accessor it calls
     * often, which {@code Field.get} does not.
     */
    private static List<Component> components(Class<?> type) {
      List<Component> components = new ArrayList<>();
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          components.add(component(field(type, component.getName())));
        }
      } else {
        // Sorted in a TreeMap (a class's field names are distinct), not a sorted stream: its
        // lambdas cost a cold JVM classes (PROFILE.md, section 16.3).
        Map<String, Field> byName = new TreeMap<>();
        for (Field field : type.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
            byName.put(field.getName(), field);
          }
        }
        for (Field field : byName.values()) {
          components.add(component(field));
        }
      }
      return List.copyOf(components);
    }

    private static Field field(Class<?> type, String name) {
      try {
        return type.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("a record has a field per component: " + name, e);
      }
    }

    private static Component component(Field field) {
      try {
        field.setAccessible(true); // records nested in non-public types, and private fields
      } catch (RuntimeException e) {
        // left inaccessible: reading it fails, and every service renders
      }
      return new Component(encoded(field.getName()), field);
    }
  }

  /** A final class of the model package: an immutable value whose fields are all it holds. */
  private static boolean isModelClass(Class<?> type) {
    return type.getPackageName().equals(MODEL_PACKAGE)
        && Modifier.isFinal(type.getModifiers())
        && !type.isEnum();
  }

  private static final String MODEL_PACKAGE = Kit.class.getPackageName();

  /**
   * Each class's {@link Shape}, worked out once: asking the class each time costs more than
   * digesting a whole service.
   */
  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  /** One record component or model field: its encoded name and the field that holds it. */
  @SuppressWarnings("ArrayRecordComponent") // one per field, never compared
  private record Component(byte[] name, Field field) {
    @Nullable Object read(Object owner) {
      try {
        return field.get(owner);
      } catch (IllegalAccessException | RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot read " + owner.getClass().getName() + "." + field.getName(), e);
      }
    }
  }

  /** {@code text} as {@link DescriptionStream#string} writes it. */
  private static byte[] encoded(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Long.BYTES + bytes.length).putLong(bytes.length).put(bytes).array();
  }

  /** A string, prefixed by its length so that no two sequences of strings digest alike. */
  private static void update(MessageDigest digest, String text) {
    digest.update(encoded(text));
  }
}
