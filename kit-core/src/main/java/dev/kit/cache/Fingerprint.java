package dev.kit.cache;

import dev.kit.migration.MigrationDirectory;
import dev.kit.model.Kit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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
   *     be plain data
   */
  public static byte[] ofDescription(Kit kit, String source) {
    MessageDigest digest = sha256();
    update(digest, "kit-fingerprint-1");
    update(digest, codeVersion());
    update(digest, source);
    value(digest, kit);
    return digest.digest();
  }

  /**
   * The fingerprint of one service, as lowercase hex.
   *
   * @param description {@link #ofDescription} of the kit being generated
   * @param migrations the service's migration files, or null when it has none
   * @param schema the service's declarative schema SQL, or null when it has none
   */
  public static String ofService(
      byte[] description, String service, MigrationDirectory migrations, String schema) {
    MessageDigest digest = sha256();
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
    if (CodeVersion.VALUE == null) {
      throw new IllegalStateException("cannot read kit's own code to fingerprint it");
    }
    return CodeVersion.VALUE;
  }

  /** Computed on first use, once. */
  private static final class CodeVersion {
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
     * Null when kit's code could not be read: then nothing is fingerprinted, and every service
     * renders.
     */
    private static final String VALUE = computeOrNull();

    private static String computeOrNull() {
      try {
        return compute();
      } catch (RuntimeException e) {
        return null;
      }
    }

    private static String compute() {
      MessageDigest digest = sha256();
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
        Path location = location(type);
        if (read.contains(location)) {
          update(digest, "read above as code " + read.indexOf(location));
        } else {
          read.add(location);
          try {
            code(digest, location);
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot read the code of " + anchor + " at " + location, e);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
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
   * each of its files and the length and hash code of its name, in the jar's order (or the
   * folder's, sorted). A jar's central directory already holds them (for a jar on the class path
   * the JDK has read it already), so nothing is inflated or hashed: hashing a 13 MB jar with
   * SHA-256 took most of a cached no-op's CPU in a cold JVM. A folder's files are read and their
   * CRC-32 computed, which the JDK does natively. A changed file changes its size or, but for a one
   * in 2^32 chance, its CRC-32; a jar's timestamps and compression do not count.
   */
  static void code(MessageDigest digest, Path location) throws IOException {
    // 16 bytes a file, digested at once: thousands of small updates, or a digest of every name,
    // cost a cold JVM more than the rest of this.
    ByteBuffer listing = ByteBuffer.allocate(64 * 1024);
    if (Files.isDirectory(location)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(location)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      CRC32 crc = new CRC32();
      for (Path file : files) {
        byte[] bytes = Files.readAllBytes(file);
        crc.reset();
        crc.update(bytes);
        String name = location.relativize(file).toString().replace('\\', '/');
        codeFile(digest, listing, name, bytes.length, crc.getValue());
      }
    } else {
      try (ZipFile jar = new ZipFile(location.toFile())) {
        for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          ZipEntry entry = entries.nextElement();
          if (!entry.isDirectory()) {
            codeFile(digest, listing, entry.getName(), entry.getSize(), entry.getCrc());
          }
        }
      }
    }
    digest.update(listing.flip());
  }

  /** Adds one file to {@code listing}, digesting and emptying it first when it is full. */
  private static void codeFile(
      MessageDigest digest, ByteBuffer listing, String name, long size, long crc) {
    if (listing.remaining() < 4 * Integer.BYTES) {
      digest.update(listing.flip());
      listing.clear();
    }
    listing.putInt(name.length()).putInt(name.hashCode()).putInt((int) size).putInt((int) crc);
  }

  /**
   * Writes one value of the description, tagged with its kind, so different shapes never digest
   * alike.
   */
  private static void value(MessageDigest digest, Object value) {
    if (value == null) {
      update(digest, "null");
    } else if (value instanceof String string) {
      update(digest, "S");
      update(digest, string);
    } else if (value instanceof Enum<?> constant) {
      update(digest, "E" + constant.getDeclaringClass().getName());
      update(digest, constant.name());
    } else if (value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Instant
        || value instanceof Duration) {
      // Plain values whose toString is exact and stable; the class name tells 1 (Integer) from 1
      // (Long).
      update(digest, "V" + value.getClass().getName());
      update(digest, value.toString());
    } else if (value instanceof Optional<?> optional) {
      update(digest, optional.isPresent() ? "O+" : "O-");
      optional.ifPresent(inner -> value(digest, inner));
    } else if (value instanceof Record || isModelClass(value.getClass())) {
      update(digest, "R" + value.getClass().getName());
      for (Component component : COMPONENTS.get(value.getClass())) {
        update(digest, component.name());
        value(digest, component.read(value));
      }
    } else if (value instanceof Map<?, ?> map) {
      update(digest, "M");
      length(digest, map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        value(digest, entry.getKey());
        value(digest, entry.getValue());
      }
    } else if (value instanceof Collection<?> collection) {
      update(digest, "C");
      length(digest, collection.size());
      for (Object element : collection) {
        value(digest, element);
      }
    } else if (value instanceof byte[] bytes) {
      update(digest, "B");
      length(digest, bytes.length);
      digest.update(bytes);
    } else {
      throw new IllegalArgumentException("cannot fingerprint a " + value.getClass().getName());
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
   * A record's components, or a model class's instance fields sorted by name (the JVM promises no
   * order for {@link Class#getDeclaredFields()}), looked up once per class: asking the class each
   * time costs more than digesting a whole service.
   */
  private static final ClassValue<List<Component>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
          List<Component> components = new ArrayList<>();
          if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
              components.add(
                  new Component(component.getName(), accessible(component.getAccessor())));
            }
          } else {
            Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()) && !field.isSynthetic())
                .sorted(Comparator.comparing(Field::getName))
                .forEach(
                    field -> components.add(new Component(field.getName(), accessible(field))));
          }
          return List.copyOf(components);
        }
      };

  private static <T extends AccessibleObject> T accessible(T member) {
    try {
      member.setAccessible(
          true); // records nested in non-public types, and the model's private fields
    } catch (RuntimeException e) {
      // left inaccessible: reading it fails, and that service renders
    }
    return member;
  }

  /** One record component or model field: its name and how to read it. */
  private record Component(String name, AccessibleObject member) {
    Object read(Object owner) {
      try {
        return member instanceof Method accessor
            ? accessor.invoke(owner)
            : ((Field) member).get(owner);
      } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot read " + owner.getClass().getName() + "." + name, e);
      }
    }
  }

  /** A string, prefixed by its length so that no two sequences of strings digest alike. */
  private static void update(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    length(digest, bytes.length);
    digest.update(bytes);
  }

  private static void length(MessageDigest digest, long length) {
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(length).array());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
