package dev.kit.maven;

import java.nio.file.Path;
import java.util.Optional;
import java.util.StringJoiner;

/** Maps a compiled class file under an output directory to the binary name a class loader accepts. */
final class ClassFileNames {

  private static final String SUFFIX = ".class";

  private ClassFileNames() {}

  /**
   * The binary name of {@code classFile}, such as {@code com.acme.Shop$Nested} for
   * {@code com/acme/Shop$Nested.class}; empty for files that are not loadable classes
   * ({@code module-info}, {@code package-info}, {@code META-INF/versions/...}, other files).
   */
  static Optional<String> binaryName(Path root, Path classFile) {
    Path relative = root.relativize(classFile);
    String fileName = relative.getFileName().toString();
    if (!fileName.endsWith(SUFFIX) || fileName.equals("module-info.class") || fileName.equals("package-info.class")) {
      return Optional.empty();
    }
    StringJoiner name = new StringJoiner(".");
    for (int i = 0; i < relative.getNameCount(); i++) {
      String segment = relative.getName(i).toString();
      if (i == relative.getNameCount() - 1) {
        segment = segment.substring(0, segment.length() - SUFFIX.length());
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
