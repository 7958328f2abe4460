package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceLimitsTest {

  @Test
  void check_leavesAResourceNameOutOfThePath_whenAMessageMayNotQuoteIt() {
    Resources resources =
        new Resources(
            java.util.Map.of("gpu?token=hunter2Secret", "2", "cpu", "2"),
            java.util.Map.of("gpu?token=hunter2Secret", "1", "cpu", "1"));
    assertThat(ResourceLimits.check("services[orders].app.resources", resources))
        .extracting(Violation::path)
        .containsExactly(
            "services[orders].app.resources.requests.cpu",
            "services[orders].app.resources.requests");
  }

  /**
   * fabric8 computes {@code Ei} through a double (2^60 rounded); Kubernetes is exact, as is kit.
   */
  @Test
  void amount_equalsFabric8sAmount_forEveryNumberShapeAndSuffixButEi() {
    List<String> numbers =
        List.of("0", "1", "12", "250", ".5", "1.", "1.5", "0.001", "+2", "-3", "007", "123456789");
    List<String> suffixes =
        List.of(
            "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "e3",
            "E2", "e+1", "e0", "e12");
    List<String> mismatches = new ArrayList<>();
    for (String number : numbers) {
      for (String suffix : suffixes) {
        String quantity = number + suffix;
        assertThat(KubernetesNames.isQuantity(quantity)).as(quantity).isTrue();
        BigDecimal fabric8 = new Quantity(quantity).getNumericalAmount();
        BigDecimal ours = ResourceLimits.amount(quantity);
        if (ours.compareTo(fabric8) != 0) {
          mismatches.add(quantity + ": " + ours + " != " + fabric8);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void amount_isExact_forExbibytes() {
    assertThat(ResourceLimits.amount("1Ei")).isEqualByComparingTo("1152921504606846976");
    assertThat(ResourceLimits.amount("1.5Ei")).isEqualByComparingTo("1729382256910270464");
  }

  @Test
  void check_findsTheRequestAboveItsLimit_acrossUnits() {
    Resources resources = Resources.requests("1500m", "1Gi").withLimits("1.5", "1000M");

    assertThat(ResourceLimits.check("r", resources))
        .extracting(Violation::path)
        .containsExactly("r.requests.memory");
  }

  @Test
  void check_leavesAQuantityAlone_whenItsExponentIsBeyondAScale() {
    Resources resources = Resources.requests("1e99999999999", "1Gi").withLimits("1", "2Gi");

    assertThat(ResourceLimits.check("r", resources)).isEmpty();
  }
}
