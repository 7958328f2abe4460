package dev.kit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.validate.KitValidationException;
import dev.kit.validate.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The old property names without the {@code kit.} prefix keep working, with a warning that names
 * the new one.
 */
class DescriptionMojoTest {

  private final List<String> warnings = new ArrayList<>();

  private static Properties userProperties(String... namesAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void ioFailure_saysWhy_whenTheCauseHoldsOnlyAPath() {
    assertThat(
            DescriptionMojo.ioFailure(
                    new java.io.UncheckedIOException(
                        "cannot write services/orders/cluster.yaml",
                        new java.nio.file.AccessDeniedException("services/orders")))
                .getMessage())
        .isEqualTo(
            "kit: cannot write services/orders/cluster.yaml: services/orders: permission denied");
  }

  @Test
  void orOldName_usesTheOldNameWithAWarning_whenOnlyTheOldNameIsSet() {
    assertThat(
            DescriptionMojo.orOldName(
                null, "kit.name", userProperties("name", "add_users"), warnings::add))
        .isEqualTo("add_users");
    assertThat(warnings).containsExactly("kit: -Dname is deprecated; use -Dkit.name=add_users");
  }

  @Test
  void orOldName_keepsTheNewNameAndWarns_whenBothAreSet() {
    assertThat(
            DescriptionMojo.orOldName(
                "add_iban", "kit.name", userProperties("name", "add_users"), warnings::add))
        .isEqualTo("add_iban");
    assertThat(warnings)
        .containsExactly("kit: -Dname=add_users is ignored: -Dkit.name=add_iban is set");
  }

  @Test
  void orOldName_changesNothing_whenTheOldNameIsNotSet() {
    assertThat(
            DescriptionMojo.orOldName(
                null, "kit.service", userProperties("kit.service", "orders"), warnings::add))
        .isNull();
    assertThat(DescriptionMojo.orOldName("orders", "kit.service", userProperties(), warnings::add))
        .isEqualTo("orders");
    assertThat(warnings).isEmpty();
  }

  @Test
  void parameterFailure_namesTheProperties_whenEveryViolationIsAParameters() {
    KitValidationException e =
        new KitValidationException(
            List.of(
                new Violation(
                    "newMigration.name", "\"Add Users\" is not a safe name", "use add_users"),
                new Violation("newMigration.service", "no service \"ordrs\"", "use orders")));

    assertThat(
            DescriptionMojo.parameterFailure(
                    e,
                    Map.of("newMigration.name", "kit.name", "newMigration.service", "kit.service"))
                .getMessage())
        .isEqualTo(
            "kit: -Dkit.name: \"Add Users\" is not a safe name (use add_users)\n"
                + "  -Dkit.service: no service \"ordrs\" (use orders)");
    assertThat(
            DescriptionMojo.parameterFailure(
                    e,
                    Map.of("newMigration.name", "kit.name", "newMigration.service", "kit.service"))
                .getCause())
        .as("Maven would print the cause's message, the same problems, again")
        .isNull();
    assertThatThrownBy(
            () -> DescriptionMojo.parameterFailure(e, Map.of("newMigration.name", "kit.name")))
        .isSameAs(e);
  }
}
