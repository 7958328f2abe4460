package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Resources;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViolationsTest {

  @Test
  void credentialIn_saysWhatTheValueLooksLike_whenAShapeNamesIt() {
    assertThat(Violations.credentialIn("https://admin:hunter2Secret@k8s.acme.io"))
        .contains("looks like a URL with a password");
    assertThat(Violations.credentialIn("AKIAIOSFODNN7EXAMPLE"))
        .contains("looks like an AWS access key id");
  }

  @Test
  void credentialIn_saysItContainsCredentials_whenNoShapeNamesThem() {
    // A password with a space is no word-shaped URL; a token in a query has no shape at all.
    assertThat(Violations.credentialIn("https://admin:hunter2 Secret@k8s.acme.io"))
        .contains("contains credentials");
    assertThat(Violations.credentialIn("https://k8s.acme.io/?access_token=hunter2Secret"))
        .contains("contains credentials");
  }

  @Test
  void credentialIn_isEmpty_whenTheValueHoldsNone() {
    assertThat(Violations.credentialIn("orders-db")).isEmpty();
    assertThat(Violations.credentialIn("password=hunter2Secret")).isEmpty();
  }

  @Test
  void invalid_quotesOnlyAValueAMessageMayQuote() {
    Violations violations = new Violations();
    violations.invalid(
        "services[orders].namespace",
        "orders",
        Optional.of("is not a DNS-1123 label"),
        "use lower-case letters, digits and '-'");
    violations.invalid(
        "services[orders].namespace",
        "password=hunter2Secret",
        Optional.of("is not a DNS-1123 label"),
        "use lower-case letters, digits and '-'");
    assertThat(violations.list())
        .extracting(Violation::problem)
        .containsExactly(
            "\"orders\" is not a DNS-1123 label",
            "the value (not shown, as it may hold a credential) is not a DNS-1123 label");
  }

  @Test
  void refused_quotesOnlyAValueAMessageMayQuote() {
    assertThat(Violations.refused("ps-10", false, "a cluster size"))
        .contains("\"ps-10\" is not a cluster size");
    assertThat(Violations.refused("password=hunter2Secret", false, "a cluster size"))
        .contains("the value (not shown, as it may hold a credential) is not a cluster size");
    assertThat(Violations.refused("https://k8s.acme.io?sig=hunter2Secret", false, "a host name"))
        .contains("contains credentials, not a host name");
  }

  @Test
  void refused_refusesACredential_evenWhenItIsValid() {
    assertThat(Violations.refused("AKIAIOSFODNN7EXAMPLE", true, "a cluster size"))
        .contains("looks like an AWS access key id, not a cluster size");
    assertThat(Violations.refused("PS_10_AWS_ARM", true, "a cluster size")).isEmpty();
  }

  @Test
  void shown_quotesTheValue_unlessItMayHoldACredential() {
    assertThat(Violations.shown("https://k8s.acme.io", "URL")).isEqualTo("\"https://k8s.acme.io\"");
    assertThat(Violations.shown("https://k8s.acme.io?session=abc123secret", "URL"))
        .isEqualTo("URL (not shown, as it may hold a credential)");
  }

  @Test
  void resources_refusesANameTheApiServerDoesNot_withTheValidOnes() {
    Violations violations = new Violations();
    violations.resources(
        "app.resources",
        new Resources(
            Map.of(
                "cpus", "1",
                "Memory", "1Gi",
                "cpu", "1",
                "ephemeral-storage", "1Gi",
                "hugepages-2Mi", "4Mi",
                "nvidia.com/gpu", "1"),
            Map.of("kubernetes.io/gpu", "1", "hugepages-x", "1", "requests.example.com/x", "1")));

    assertThat(violations.list())
        .extracting(Violation::path)
        .containsExactlyInAnyOrder(
            "app.resources.requests.cpus",
            "app.resources.requests.Memory",
            "app.resources.limits.kubernetes.io/gpu",
            "app.resources.limits.hugepages-x",
            "app.resources.limits.requests.example.com/x");
    assertThat(violations.list().get(0).toString())
        .endsWith(
            "is not a resource the API server knows (use \"cpu\", \"memory\", \"ephemeral-storage\","
                + " \"hugepages-<size>\" such as \"hugepages-2Mi\", or an extended resource such as"
                + " \"example.com/gpu\")");
  }
}
