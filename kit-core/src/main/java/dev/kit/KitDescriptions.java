package dev.kit;

import dev.kit.model.Kit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads a service repository's {@link KitDescription} from its test class path and calls {@link
 * KitDescription#describe()}: what {@code kit:generate} and the other goals do first, for any build
 * tool. The class loader delegates to the one that loaded kit-core first, so the description and
 * its caller share one {@code dev.kit} (the repository's own copy of kit-core is shadowed).
 *
 * <pre>{@code
 * try (KitDescriptions.Loaded loaded = KitDescriptions.load(testClasspath, Path.of("target/test-classes"),
 *     Optional.empty())) {                                     // the only description among the test classes
 *   Generator.forRepository(root).source(loaded.className()).generate(loaded.kit());
 * }
 * }</pre>
 */
public final class KitDescriptions {

  /**
   * What keeps a build tool's test classes from holding the description, and what to do: the last
   * sentences of the messages that find none.
   */
  public static final String COMPILE_HINT =
      "-Dmaven.test.skip=true skips compiling it (use -DskipTests to skip only running the tests),"
          + " and kit:check does not compile it: run mvn test-compile kit:check (mvn verify runs"
          + " both where kit:check is bound).";

  private KitDescriptions() {}

  /**
   * Creates the description and calls {@code describe()}.
   *
   * @param classpath the repository's test class path: its test and main output folders and
   *     dependency jars
   * @param testClasses the test output folder, searched when no class name is given
   * @param className the fully-qualified class name; empty (or blank) to use the only description
   *     in {@code testClasses}
   * @return the description, with the class loader its classes came from: close it when done with
   *     the kit
   * @throws KitDescriptionException when the class is missing, ambiguous, not a usable description,
   *     or fails, naming the fix
   */
  public static Loaded load(List<Path> classpath, Path testClasses, Optional<String> className) {
    return open(classpath, testClasses, className, true).orElseThrow();
  }

  /**
   * As {@link #load}, but empty rather than failing when the named class is not in {@code
   * testClasses} (missing, or only in a dependency such as another module's test-jar), or when no
   * class name is given and {@code testClasses} holds no description (or does not exist): for a
   * build of several modules, where only some describe a kit.
   *
   * @throws KitDescriptionException as {@link #load} does otherwise
   */
  public static Optional<Loaded> find(
      List<Path> classpath, Path testClasses, Optional<String> className) {
    return open(classpath, testClasses, className, false);
  }

  private static Optional<Loaded> open(
      List<Path> classpath, Path testClasses, Optional<String> className, boolean required) {
    Objects.requireNonNull(testClasses, "testClasses");
    URLClassLoader loader = open(Objects.requireNonNull(classpath, "classpath"));
    try {
      Optional<String> named = className.filter(n -> !n.isBlank()).map(String::strip);
      String name;
      if (named.isPresent()) {
        name = named.get();
        if (!required && !isOwnClass(name, loader, testClasses)) {
          close(loader);
          return Optional.empty();
        }
      } else {
        List<String> candidates = DescriptionDiscovery.candidates(testClasses, loader);
        if (candidates.isEmpty() && !required) {
          close(loader);
          return Optional.empty();
        }
        name = DescriptionDiscovery.select(candidates, testClasses);
      }
      return Optional.of(
          new Loaded(
              name,
              describe(
                  name, instantiate(name, descriptionClass(name, loader, testClasses)), loader),
              loader));
    } catch (RuntimeException | Error e) {
      close(loader);
      throw e;
    }
  }

  /**
   * A description that was created and described, and the class loader over the test class path it
   * came from, which {@link #close} closes.
   */
  public static final class Loaded implements AutoCloseable {
    private final String className;
    private final Kit kit;
    private final URLClassLoader loader;

    private Loaded(String className, Kit kit, URLClassLoader loader) {
      this.className = className;
      this.kit = kit;
      this.loader = loader;
    }

    /** The description's binary class name, which every generated file's header names. */
    public String className() {
      return className;
    }

    /** What its {@code describe()} returned. */
    public Kit kit() {
      return kit;
    }

    /**
     * Closes the class loader over the test class path.
     *
     * @throws UncheckedIOException when a jar cannot be closed
     */
    @Override
    public void close() {
      KitDescriptions.close(loader);
    }
  }

  /**
   * Whether the class file of {@code name} that {@code loader} finds first is in {@code
   * testClasses}: a module whose test class path holds the description only through another
   * module's test-jar does not describe a kit of its own.
   */
  private static boolean isOwnClass(String name, ClassLoader loader, Path testClasses) {
    String file = name.replace('.', '/') + ".class";
    URL found = loader.getResource(file);
    if (found == null || !"file".equals(found.getProtocol())) {
      return false;
    }
    try {
      return Path.of(found.toURI())
          .normalize()
          .equals(testClasses.resolve(file).toAbsolutePath().normalize());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  private static URLClassLoader open(List<Path> classpath) {
    List<URL> urls = new ArrayList<>();
    for (Path element : classpath) {
      try {
        urls.add(element.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(
            "test class path element is not a file path: " + element, e);
      }
    }
    return new URLClassLoader(
        "kit-description", urls.toArray(URL[]::new), KitDescription.class.getClassLoader());
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the class loader over the test class path", e);
    }
  }

  private static Kit describe(String name, KitDescription description, ClassLoader loader) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Libraries the description calls may look up resources through the context class loader.
    thread.setContextClassLoader(loader);
    Kit kit;
    try {
      kit = description.describe();
    } catch (ExceptionInInitializerError e) {
      throw new KitDescriptionException(
          name
              + ".describe() failed in the static initializer of "
              + initializerOf(e)
              + ": "
              + e.getCause()
              + "\nFix that class's static fields and blocks (run with -e for the stack trace).",
          e.getCause());
    } catch (LinkageError e) {
      // The class loader asks kit's own first: a description compiled against another kit-core
      // (or another fabric8) than the one running it finds a method or class missing.
      throw new KitDescriptionException(
          name
              + ".describe() failed: "
              + e
              + "\nCompile the description against the kit-core of the kit-maven-plugin that runs it"
              + " (the same version for both), and its other dependencies as test dependencies (run"
              + " with -e for the stack trace).",
          e);
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      // Errors a description's own code raises; the JVM's other troubles (out of memory) stay raw.
      throw new KitDescriptionException(
          name
              + ".describe() failed: "
              + e
              + "\nFix the description (run with -e for the stack trace).",
          e);
    } finally {
      thread.setContextClassLoader(previous);
    }
    if (kit == null) {
      throw new KitDescriptionException(
          name + ".describe() returned null; return Kit.builder()...build()", null);
    }
    return kit;
  }

  private static Class<? extends KitDescription> descriptionClass(
      String name, ClassLoader loader, Path testClasses) {
    Class<?> type;
    try {
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new KitDescriptionException(
          "Kit description "
              + name
              + " was not found on the test class path ("
              + testClasses
              + " and the test dependencies). Check <description> / -Dkit.description: it is a fully-qualified class name "
              + "such as com.acme.shop.ShopServices, of a class in src/test/java.",
          e);
    } catch (LinkageError e) {
      throw new KitDescriptionException(
          "Kit description "
              + name
              + " cannot be loaded: "
              + e
              + "\nCheck that its dependencies are test dependencies of this project.",
          e);
    }
    if (!KitDescription.class.isAssignableFrom(type)) {
      throw new KitDescriptionException(
          name
              + " does not implement "
              + KitDescription.class.getName()
              + "; add 'implements KitDescription', or set <description> / -Dkit.description to the class that does.",
          null);
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new KitDescriptionException(
          name + " is abstract; set <description> / -Dkit.description to a concrete class.", null);
    }
    return type.asSubclass(KitDescription.class);
  }

  private static KitDescription instantiate(String name, Class<? extends KitDescription> type) {
    Constructor<? extends KitDescription> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new KitDescriptionException(
          name
              + " needs a public class with a public no-argument constructor so kit can "
              + "create it; make the class public and add 'public "
              + type.getSimpleName()
              + "() {}' (or remove the "
              + "other constructors).",
          e);
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new KitDescriptionException(
          "Creating "
              + name
              + " failed: "
              + e.getCause()
              + "\nFix its constructor (run with -e for the stack trace).",
          e.getCause());
    } catch (ExceptionInInitializerError e) {
      // Its toString() has no word of the cause: a static field's initializer threw.
      throw new KitDescriptionException(
          "Creating "
              + name
              + " failed in the static initializer of "
              + initializerOf(e)
              + ": "
              + e.getCause()
              + "\nFix that class's static fields and blocks (run with -e for the stack trace).",
          e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new KitDescriptionException(
          "Cannot create "
              + name
              + ": "
              + e
              + "\nMake it a public, static (if nested) class with a public no-argument constructor.",
          e);
    }
  }

  /**
   * The class whose static initializer threw: the innermost {@code <clinit>} on the cause's stack
   * (the JVM rethrows an initializer's error through the initializers that triggered it).
   */
  private static String initializerOf(ExceptionInInitializerError e) {
    Throwable cause = e.getCause();
    if (cause != null) {
      for (StackTraceElement frame : cause.getStackTrace()) {
        if (frame.getMethodName().equals("<clinit>")) {
          return frame.getClassName();
        }
      }
    }
    return "a class it uses";
  }
}
