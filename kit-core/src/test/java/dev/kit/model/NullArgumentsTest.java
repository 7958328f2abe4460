package dev.kit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every way to create a model value (public constructors, static factories, builder methods, {@code
 * with...} copies) answers a null argument with a message that names the method and the parameter,
 * never a bare NullPointerException. The types are every class compiled into {@code dev.kit.model},
 * so a new type or method is held to it too.
 */
class NullArgumentsTest {

  /**
   * Parameters where null has a documented meaning: leave that quantity out, or a chart value Helm
   * reads as unset.
   */
  private static final Set<String> NULL_ALLOWED =
      Set.of(
          "Resources.requests(cpu)", "Resources.requests(memory)",
          "Resources.withLimits(cpu)", "Resources.withLimits(memory)",
          "HelmChart.withValue(value)", "HelmChart.Builder.value(value)");

  /**
   * Types another branch reshapes now ({@code restructure}'s Database, which applies the same
   * messages): delete this set when it is merged, so that Database is held to the rule like every
   * other type.
   */
  @TestFactory
  Stream<DynamicTest> everyReferenceParameter_namesMethodAndParameter_whenNull() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Class<?> type : modelTypes()) {
      for (Executable executable : creators(type)) {
        Parameter[] parameters = executable.getParameters();
        for (int i = 0; i < parameters.length; i++) {
          if (parameters[i].getType().isPrimitive()) {
            continue;
          }
          String name =
              executable instanceof Constructor<?> ? type.getSimpleName() : executable.getName();
          String parameter = parameters[i].getName();
          if (NULL_ALLOWED.contains(nestedName(type) + "." + name + "(" + parameter + ")")) {
            continue;
          }
          int nullAt = i;
          tests.add(
              DynamicTest.dynamicTest(
                  type.getName() + "." + name + "(" + parameter + "=null)",
                  () ->
                      assertThatThrownBy(() -> invokeWithNull(type, executable, nullAt))
                          .as("%s of %s with %s null", executable, type.getName(), parameter)
                          .hasMessageContaining(name + "(")
                          .hasMessageContaining(parameter + " is null")));
        }
      }
    }
    return tests.stream();
  }

  /**
   * A customizer that returns null instead of the builder it was given is named with the method
   * (and the service, where there is one), not met with a bare NullPointerException from {@code
   * build()}.
   */
  @TestFactory
  Stream<DynamicTest> everyCustomizer_namesMethod_whenItReturnsNull() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Class<?> type : modelTypes()) {
      for (Executable executable : creators(type)) {
        List<Class<?>> parameters = Arrays.asList(executable.getParameterTypes());
        if (!parameters.contains(UnaryOperator.class)) {
          continue;
        }
        String name = executable.getName();
        tests.add(
            DynamicTest.dynamicTest(
                type.getName() + "." + name + "(customizer returning null)",
                () ->
                    assertThatThrownBy(() -> invokeWithNullCustomizer(type, (Method) executable))
                        .as("%s of %s", executable, type.getName())
                        .isInstanceOf(NullPointerException.class)
                        .hasMessageContaining(name + "(")
                        .hasMessageContaining(" returned null; return the builder it is given")));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(14);
    return tests.stream();
  }

  /** Calls {@code method} with customizers that return null, then builds what it returned. */
  private static void invokeWithNullCustomizer(Class<?> type, Method method) throws Throwable {
    Object[] arguments = new Object[method.getParameterCount()];
    for (int i = 0; i < arguments.length; i++) {
      Class<?> parameter = method.getParameterTypes()[i];
      arguments[i] =
          parameter == UnaryOperator.class ? (UnaryOperator<?>) b -> null : sample(parameter);
    }
    Object target = Modifier.isStatic(method.getModifiers()) ? null : instanceOf(type);
    if (target instanceof Service.Builder service) {
      // An app to change, and a database so that build() reaches an environment's override.
      service
          .app(App.builder("ghcr.io/acme/orders:1").build())
          .database((Database) sample(Database.class));
    }
    if (target instanceof Database.Builder database) {
      // Backups to change.
      database.backups(
          Backups.builder("s3://acme-backups/orders/")
              .credentials(S3Credentials.inheritFromPodIdentity())
              .build());
    }
    try {
      Object result = method.invoke(target, arguments);
      if (result instanceof Service.Builder service) {
        service.build();
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void creators_includeBuildersFactoriesAndConstructors_whenWalkingTheModel() throws Exception {
    List<String> found = new ArrayList<>();
    for (Class<?> type : modelTypes()) {
      creators(type)
          .forEach(
              e ->
                  found.add(
                      type.getSimpleName()
                          + "."
                          + (e instanceof Constructor<?> ? "new" : e.getName())));
    }
    assertThat(found)
        .contains(
            "App.builder",
            "Builder.resources",
            "Storage.of",
            "SecretKey.new",
            "Patch.set",
            "Resources.withLimits",
            "S3Credentials.fromSecret");
  }

  /** {@code HelmChart.Builder} for {@code dev.kit.model.HelmChart$Builder}. */
  private static String nestedName(Class<?> type) {
    return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
  }

  /** Every public class compiled into this package, nested ones included. */
  private static List<Class<?>> modelTypes()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(App.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path folder = classes.resolve(App.class.getPackageName().replace('.', '/'));
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String simple = file.getFileName().toString();
        if (!simple.endsWith(".class") || simple.matches(".*\\$\\d.*")) {
          continue;
        }
        String binary = simple.substring(0, simple.length() - ".class".length());
        Class<?> type = Class.forName(App.class.getPackageName() + "." + binary);
        if (Modifier.isPublic(type.getModifiers()) && !type.isEnum()) {
          types.add(type);
        }
      }
    }
    return types;
  }

  /**
   * Public constructors, static factories, builder methods and {@code with...} copies of {@code
   * type}.
   */
  private static List<Executable> creators(Class<?> type) {
    List<Executable> creators = new ArrayList<>(Arrays.asList(type.getConstructors()));
    for (Method method : type.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers())
          || method.isSynthetic()
          || method.getParameterCount() == 0) {
        continue;
      }
      boolean isStatic = Modifier.isStatic(method.getModifiers());
      boolean factory =
          isStatic && method.getReturnType().getPackageName().equals(type.getPackageName());
      boolean builderMethod = !isStatic && type.getSimpleName().equals("Builder");
      boolean copy = !isStatic && method.getReturnType() == type;
      if (factory || builderMethod || copy) {
        creators.add(method);
      }
    }
    creators.sort(Comparator.comparing(Executable::toString));
    return creators;
  }

  private static void invokeWithNull(Class<?> type, Executable executable, int nullAt)
      throws Throwable {
    Object[] arguments = new Object[executable.getParameterCount()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = i == nullAt ? null : sample(executable.getParameterTypes()[i]);
    }
    try {
      if (executable instanceof Constructor<?> constructor) {
        constructor.newInstance(arguments);
      } else {
        Method method = (Method) executable;
        method.invoke(
            Modifier.isStatic(method.getModifiers()) ? null : instanceOf(type), arguments);
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A value of {@code type} that the model accepts. */
  private static Object sample(Class<?> type) {
    if (type == String.class || type == Object.class) {
      return "v";
    }
    if (type == int.class) {
      return 1;
    }
    if (type == long.class) {
      return 1L;
    }
    if (type == boolean.class) {
      return true;
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    if (type == Optional.class) {
      return Optional.empty();
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (type == List.class) {
      return List.of();
    }
    if (type == Duration.class) {
      return Duration.ofMinutes(1);
    }
    if (type == Instant.class) {
      return Instant.EPOCH;
    }
    if (type == UnaryOperator.class) {
      return UnaryOperator.identity();
    }
    if (type == Restore.Source.class) {
      return new Restore.ServiceBackups("orders");
    }
    if (type == S3Credentials.class) {
      return S3Credentials.inheritFromPodIdentity();
    }
    if (type == Database.class) {
      return Database.builder().storage("1Gi").build();
    }
    if (type == Service.class) {
      return Service.builder("orders").database(Database.builder().storage("1Gi").build()).build();
    }
    if (type == Repository.class) {
      return Repository.builder("shop").gitUrl("https://git.example.com/shop.git").build();
    }
    if (type == Kit.class) {
      return Kit.builder()
          .repository("shop", r -> r.gitUrl("https://git.example.com/shop.git"))
          .build();
    }
    if (type == Environment.class) {
      return Environment.builder("prod").build();
    }
    if (type == App.class) {
      return App.builder("ghcr.io/acme/orders:1").build();
    }
    if (type == Backups.class) {
      return Backups.builder("s3://b/").credentials(S3Credentials.inheritFromPodIdentity()).build();
    }
    if (type == Restore.class) {
      return Restore.fromService("orders");
    }
    if (type == Patch.class) {
      return Patch.remove(Patch.Target.CLUSTER, "/spec/x");
    }
    if (type == HelmChart.class) {
      return HelmChart.of("https://charts.example.com", "c", "1.0.0", "ns");
    }
    if (type == Resources.class) {
      return Resources.requests("1", "1Gi");
    }
    if (type == DeclarativeSchema.class) {
      return DeclarativeSchema.of("schema.sql");
    }
    if (type == SecretKey.class) {
      return new SecretKey("s", "k");
    }
    if (type == Storage.class) {
      return Storage.of("1Gi");
    }
    if (type == Bootstrap.class) {
      return Bootstrap.CNPG_DEFAULT;
    }
    for (Class<?> settings :
        List.of(ArgoCd.class, Migrations.class, Monitoring.class, Platform.class, Pooler.class)) {
      if (type == settings) {
        return build(instanceOfBuilder(settings));
      }
    }
    throw new AssertionError(
        "no sample value of " + type.getName() + ": add one to NullArgumentsTest.sample");
  }

  /** The object whose instance method is under test: a fresh builder, or a sample value. */
  private static Object instanceOf(Class<?> type) throws ReflectiveOperationException {
    return type.getSimpleName().equals("Builder")
        ? instanceOfBuilder(type.getEnclosingClass())
        : sample(type);
  }

  /** {@code owner.builder(...)} with sample arguments. */
  private static Object instanceOfBuilder(Class<?> owner) {
    try {
      Method builder =
          Arrays.stream(owner.getMethods())
              .filter(m -> m.getName().equals("builder") && Modifier.isStatic(m.getModifiers()))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(owner.getName() + " has no static builder(...)"));
      Object[] arguments =
          Arrays.stream(builder.getParameterTypes()).map(NullArgumentsTest::sample).toArray();
      return builder.invoke(null, arguments);
    } catch (ReflectiveOperationException e) {
      throw new LinkageError(e.getMessage(), e);
    }
  }

  private static Object build(Object builder) {
    try {
      return builder.getClass().getMethod("build").invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new LinkageError(e.getMessage(), e);
    }
  }
}
