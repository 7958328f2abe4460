package dev.kit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The Database builder: every null argument named with what to pass, and toBuilder() that changes nothing by itself. */
class DatabaseBuilderTest {

  /** Each public builder method with each of its reference parameters. */
  static Stream<Arguments> referenceParameters() {
    List<Arguments> cases = new ArrayList<>();
    Arrays.stream(Database.Builder.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build"))
        .sorted(Comparator.comparing(Method::toGenericString))
        .forEach(method -> {
          Parameter[] parameters = method.getParameters();
          for (int i = 0; i < parameters.length; i++) {
            if (!parameters[i].getType().isPrimitive()) {
              cases.add(Arguments.of(method.getName() + Arrays.toString(method.getParameterTypes()), method, i));
            }
          }
        });
    return cases.stream();
  }

  private static Object sample(Class<?> type) {
    if (type == String.class) {
      return "x";
    }
    if (type == java.util.function.UnaryOperator.class) {
      return java.util.function.UnaryOperator.identity();
    }
    return null; // a value of the model, not needed: the null check comes first
  }

  @ParameterizedTest(name = "{0} #{2}")
  @MethodSource("referenceParameters")
  void builderMethod_namesTheMethodAndParameter_whenAnArgumentIsNull(String name, Method method, int index) throws Exception {
    Object[] arguments = new Object[method.getParameterCount()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = i == index ? null : sample(method.getParameterTypes()[i]);
    }
    // The parameter names as the messages spell them: compiled with -parameters, or arg0 otherwise.
    String parameter = method.getParameters()[index].isNamePresent() ? method.getParameters()[index].getName() : null;

    assertThatThrownBy(() -> {
      try {
        method.invoke(Database.builder(), arguments);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }).isInstanceOf(NullPointerException.class)
        .hasMessageStartingWith(method.getName() + "(")
        .hasMessageContaining(" is null; ")
        .satisfies(e -> {
          if (parameter != null) {
            assertThat(e.getMessage()).contains("): " + parameter + " is null; ");
          }
        });
  }

  @Test
  void referenceParameters_coverEveryBuilderMethodWithOne() {
    assertThat(referenceParameters().count()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void toBuilder_buildsAnEqualDatabase() {
    Database db = Database.builder().clusterName("ledger-db").instances(3).storage("10Gi", "fast").walStorage("2Gi")
        .parameter("max_connections", "200").bootstrap("ledger", "ledger_owner").antiAffinity("kubernetes.io/hostname")
        .podDisruptionBudget(false).primaryUpdateStrategy(Database.PrimaryUpdateStrategy.SUPERVISED)
        .pooler(p -> p.instances(2)).extension("vector").schema("reporting").build();

    assertThat(db.toBuilder().build()).isEqualTo(db);
    assertThat(db.toBuilder().instances(1).build().instances()).isEqualTo(1);
  }
}
