package dev.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the description when none is named: the one concrete public class among the compiled test
 * classes that implements {@link KitDescription}.
 */
final class DescriptionDiscovery {

  private static final String EXAMPLE = "com.acme.shop.ShopServices";
  private static final String CLASS_FILE = ".class";

  private DescriptionDiscovery() {}

  /** The binary names of every description class under {@code testClasses}, sorted. */
  static List<String> candidates(Path testClasses, ClassLoader loader) {
    if (!Files.isDirectory(testClasses)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(testClasses)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> binaryName(testClasses, file))
          .flatMap(Optional::stream)
          .filter(name -> isDescription(name, loader))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the test classes in " + testClasses, e);
    }
  }

  /**
   * The single candidate.
   *
   * @throws KitDescriptionException naming what to add when there is none, and how to choose when
   *     there are several
   */
  static String select(List<String> candidates, Path testClasses) {
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw new KitDescriptionException(noneFound(testClasses), null);
    }
    throw new KitDescriptionException(
        "Found "
            + candidates.size()
            + " kit descriptions in "
            + testClasses
            + ":"
            + candidates.stream().map(c -> "\n  - " + c).collect(Collectors.joining())
            + "\nChoose one with <configuration><description>"
            + candidates.get(0)
            + "</description></configuration> on kit-maven-plugin in pom.xml, or with -Dkit.description="
            + candidates.get(0)
            + ".",
        null);
  }

  private static String noneFound(Path testClasses) {
    if (!Files.isDirectory(testClasses)) {
      return "No kit description to load: there are no compiled test classes in "
          + testClasses
          + ", so test compilation did not run. The description lives in src/test/java; "
          + KitDescriptions.COMPILE_HINT;
    }
    return "No kit description found: no public class in "
        + testClasses
        + " implements "
        + KitDescription.class.getName()
        + ".\nAdd one in src/test/java, with dev.kit:kit-core as a <scope>test</scope> dependency:\n"
        + "  public final class ShopServices implements dev.kit.KitDescription {\n"
        + "    public dev.kit.model.Kit describe() { return dev.kit.model.Kit.builder()...build(); }\n"
        + "  }\n"
        + "or name an existing class with <description> in the kit-maven-plugin configuration or -Dkit.description="
        + EXAMPLE
        + ".";
  }

  /**
   * Whether kit can create the named class: concrete, public, top-level or static nested, a
   * description.
   */
  private static boolean isDescription(String name, ClassLoader loader) {
    try {
      Class<?> type = Class.forName(name, false, loader);
      int modifiers = type.getModifiers();
      return KitDescription.class.isAssignableFrom(type)
          && !type.isInterface()
          && Modifier.isPublic(modifiers)
          && !Modifier.isAbstract(modifiers)
          && (!type.isMemberClass() || Modifier.isStatic(modifiers))
          && !type.isLocalClass()
          && !type.isAnonymousClass();
    } catch (ClassNotFoundException | LinkageError e) {
      // A test class whose dependencies are missing cannot be the description the user meant.
      return false;
    }
  }

  /**
   * The binary name of {@code classFile}, such as {@code com.acme.Shop$Nested} for {@code
   * com/acme/Shop$Nested.class}; empty for files that are not loadable classes ({@code
   * module-info}, {@code package-info}, {@code META-INF/versions/...}, other files).
   */
  static Optional<String> binaryName(Path root, Path classFile) {
    Path relative = root.relativize(classFile);
    String fileName = relative.getFileName().toString();
    if (!fileName.endsWith(CLASS_FILE)
        || fileName.equals("module-info.class")
        || fileName.equals("package-info.class")) {
      return Optional.empty();
    }
    StringJoiner name = new StringJoiner(".");
    for (int i = 0; i < relative.getNameCount(); i++) {
      String segment = relative.getName(i).toString();
      if (i == relative.getNameCount() - 1) {
        segment = segment.substring(0, segment.length() - CLASS_FILE.length());
      }
      if (!isIdentifier(segment)) {
        return Optional.empty();
      }
      name.add(segment);
    }
    return Optional.of(name.toString());
  }

  private static boolean isIdentifier(String segment) {
    if (segment.isEmpty() || !Character.isJavaIdentifierStart(segment.codePointAt(0))) {
      return false;
    }
    return segment.codePoints().allMatch(Character::isJavaIdentifierPart);
  }
}
