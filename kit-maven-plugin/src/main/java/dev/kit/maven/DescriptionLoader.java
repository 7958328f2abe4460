package dev.kit.maven;

import dev.kit.KitDescription;
import dev.kit.model.Kit;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Loads a service repository's {@link KitDescription} from its test class path and calls
 * {@link KitDescription#describe()}. The class loader delegates to the plugin's own first, so the
 * description and the plugin share one {@code dev.kit} (the repository's copy of kit-core is shadowed).
 */
final class DescriptionLoader implements AutoCloseable {

  private final URLClassLoader loader;
  private final Path testClasses;

  private DescriptionLoader(URLClassLoader loader, Path testClasses) {
    this.loader = loader;
    this.testClasses = testClasses;
  }

  /**
   * A loader over {@code classpath}.
   *
   * @param classpath the project's test class path: its test and main output directories and dependency jars
   * @param testClasses the test output directory, searched when no class name is configured
   * @param parent the plugin's class loader, which provides {@code dev.kit}
   */
  static DescriptionLoader open(List<String> classpath, Path testClasses, ClassLoader parent) {
    List<URL> urls = new ArrayList<>();
    for (String element : classpath) {
      try {
        urls.add(Path.of(element).toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("test class path element is not a file path: " + element, e);
      }
    }
    return new DescriptionLoader(new URLClassLoader("kit-description", urls.toArray(URL[]::new), parent), testClasses);
  }

  /**
   * Creates the description and calls {@code describe()}.
   *
   * @param className the configured fully-qualified class name, or {@code null} to find the only one
   * @throws MojoFailureException when the class is missing, ambiguous, not a usable description, or fails
   */
  Loaded load(String className) throws MojoFailureException {
    String name = className == null || className.isBlank()
        ? DescriptionDiscovery.select(DescriptionDiscovery.candidates(testClasses, loader), testClasses)
        : className.strip();
    KitDescription description = instantiate(name, descriptionClass(name));
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Libraries the description calls may look up resources through the context class loader.
    thread.setContextClassLoader(loader);
    try {
      Kit kit = description.describe();
      if (kit == null) {
        throw new MojoFailureException(name + ".describe() returned null; return Kit.builder()...build()");
      }
      return new Loaded(name, kit);
    } catch (RuntimeException | LinkageError e) {
      throw new MojoFailureException(name + ".describe() failed: " + e
          + "\nFix the description (run with -e for the stack trace).", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private Class<? extends KitDescription> descriptionClass(String name) throws MojoFailureException {
    Class<?> type;
    try {
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new MojoFailureException("Kit description " + name + " was not found on the test class path (" + testClasses
          + " and the test dependencies). Check <description> / -Dkit.description: it is a fully-qualified class name "
          + "such as com.acme.shop.ShopServices, of a class in src/test/java.", e);
    } catch (LinkageError e) {
      throw new MojoFailureException("Kit description " + name + " cannot be loaded: " + e
          + "\nCheck that its dependencies are test dependencies of this project.", e);
    }
    if (!KitDescription.class.isAssignableFrom(type)) {
      throw new MojoFailureException(name + " does not implement " + KitDescription.class.getName()
          + "; add 'implements KitDescription', or set <description> / -Dkit.description to the class that does.");
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new MojoFailureException(name + " is abstract; set <description> / -Dkit.description to a concrete class.");
    }
    return type.asSubclass(KitDescription.class);
  }

  private static KitDescription instantiate(String name, Class<? extends KitDescription> type) throws MojoFailureException {
    Constructor<? extends KitDescription> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new MojoFailureException(name + " needs a public class with a public no-argument constructor so kit can "
          + "create it; make the class public and add 'public " + type.getSimpleName() + "() {}' (or remove the "
          + "other constructors).", e);
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new MojoFailureException("Creating " + name + " failed: " + e.getCause()
          + "\nFix its constructor (run with -e for the stack trace).", e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new MojoFailureException("Cannot create " + name + ": " + e
          + "\nMake it a public, static (if nested) class with a public no-argument constructor.", e);
    }
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }

  /**
   * A description that was created and described.
   *
   * @param className its binary class name, which every generated file's header names
   * @param kit what its {@code describe()} returned
   */
  record Loaded(String className, Kit kit) {}
}
