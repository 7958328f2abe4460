package dev.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.KitDescription;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles small test sources against kit, standing in for a service repository's test-compile. */
public final class JavaCompilation {

  private JavaCompilation() {}

  /**
   * Writes {@code sources} (binary class name → source) under {@code dir/src} and compiles them
   * against kit-core into {@code dir/classes}, which it returns.
   */
  public static Path compile(Path dir, Map<String, String> sources)
      throws IOException, URISyntaxException {
    return compile(dir, sources, List.of(kitCore()));
  }

  /** {@link #compile(Path, Map)} against {@code classpath} instead of kit-core alone. */
  public static Path compile(Path dir, Map<String, String> sources, List<Path> classpath)
      throws IOException {
    Path src = dir.resolve("src");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "--release",
                "17",
                "-classpath",
                classpath.stream()
                    .map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator))));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, args.toArray(String[]::new));
    assertThat(status).as("javac failed:%n%s", errors.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  /** Where this test run loads kit-core from: its jar or its classes directory. */
  public static Path kitCore() throws URISyntaxException {
    return codeSource(KitDescription.class);
  }

  /** Where this test run loads {@code type} from: its jar or its classes directory. */
  public static Path codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
