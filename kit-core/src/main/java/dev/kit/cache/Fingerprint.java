package dev.kit.cache;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Kit;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
      for (MigrationFile file : migrations.files()) {
        update(digest, file.name());
        length(digest, file.size());
        file.digest(digest);
      }
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
   * print the YAML, each as the bytes of its jar (or of every file of its classes folder), computed
   * once per JVM. Any change to how kit renders changes one of them, so a cache written by another
   * kit is never trusted.
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
        codeOf(type, digest);
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    private static void codeOf(Class<?> type, MessageDigest digest) {
      CodeSource code = type.getProtectionDomain().getCodeSource();
      URL location = code == null ? null : code.getLocation();
      if (location == null) {
        throw new IllegalStateException("cannot locate the code of " + type.getName());
      }
      Path path;
      try {
        path = Path.of(location.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "cannot locate the code of " + type.getName() + " at " + location, e);
      }
      try {
        if (Files.isDirectory(path)) {
          List<Path> files;
          try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
          }
          for (Path file : files) {
            update(digest, path.relativize(file).toString().replace('\\', '/'));
            file(digest, file);
          }
        } else {
          file(digest, path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the code of " + type.getName() + " at " + path, e);
      }
    }

    private static void file(MessageDigest digest, Path file) throws IOException {
      length(digest, Files.size(file));
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
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
