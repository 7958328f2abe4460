package dev.kit.validate;

import static dev.kit.validate.Violations.quote;
import static dev.kit.validate.Violations.shown;

import dev.kit.model.ArgoCd;
import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Platform;
import java.util.Optional;

/** The platform's Argo CD project and the Helm charts of its operators. */
final class PlatformRules {

  private PlatformRules() {}

  static void check(Kit kit, Platform platform, Violations violations) {
    ArgoCd argo = kit.repository().argoCd();
    if (argo.project().equals("default")) {
      violations.add(
          "repository.argoCd.project",
          "the platform's AppProject would restrict Argo CD's \"default\" project, which every other Application uses",
          "give the services a project of their own, such as ArgoCd.builder().project(\""
              + kit.repository().name()
              + "\")");
    } else if (argo.project().equals(platform.project())) {
      violations.add(
          "platform.project",
          "the operators install cluster-wide objects the services' AppProject"
              + (Violations.quotable(argo.project()) ? " " + quote(argo.project()) : "")
              + " forbids",
          "keep the platform in another project, such as \"default\"");
    }
    chart("platform.cloudnativePg", platform.cloudnativePg(), violations);
    chart("platform.barmanCloud", platform.barmanCloud(), violations);
    platform
        .certManager()
        .ifPresent(certManager -> chart("platform.certManager", certManager, violations));
    chart("platform.atlasOperator", platform.atlasOperator(), violations);
    chart("platform.crossplane", platform.crossplane(), violations);
    for (String kind : platform.extraKinds()) {
      if (!kind.matches("([a-z0-9.-]*)/[A-Z][A-Za-z0-9]*")) {
        violations.add(
            "platform.extraKinds" + Violations.entry(kind),
            shown(kind, "the kind") + " is not group/Kind",
            "use allowKind(\"networking.k8s.io\", \"Ingress\"), with \"\" for core kinds");
      }
    }
  }

  private static void chart(String path, HelmChart chart, Violations violations) {
    if (CredentialLiterals.holds(chart.repoUrl())) {
      violations.add(
          path + ".repoUrl",
          "contains credentials",
          "remove them; Argo CD reads Helm repository credentials from a repository Secret");
    } else if (chart.repoUrl().startsWith("oci://")) {
      // Argo CD's Helm source wants the registry without a scheme (helm.IsHelmOciRepo); from 3.1
      // an oci:// repoURL is an OCI source of its own, which ignores chart.
      String registry = chart.repoUrl().substring("oci://".length());
      violations.add(
          path + ".repoUrl",
          shown(chart.repoUrl(), "the URL")
              + " has the oci:// scheme, which Argo CD reads as an OCI artifact source that ignores"
              + " the chart (3.1 and later) or does not read (before)",
          "write the registry without oci://"
              + (CredentialLiterals.quotable(registry) ? ", such as " + quote(registry) : "")
              + "; a private registry also needs an Argo CD repository Secret of type helm with"
              + " enableOCI \"true\" and its credentials");
    } else if (!chart.repoUrl().matches("(https://)?[a-z0-9.-]+(:[0-9]+)?(/\\S*)?")) {
      violations.add(
          path + ".repoUrl",
          shown(chart.repoUrl(), "the URL") + " is not a Helm repository",
          "use an https:// chart repository, or an OCI registry without oci://, such as"
              + " \"ghcr.io/cloudnative-pg/charts\"");
    }
    if (!chart.version().matches("v?[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?")) {
      violations.add(
          path + ".version",
          shown(chart.version(), "the version") + " is not a pinned chart version",
          "use an exact version such as \"0.29.0\", so every sync installs the same chart");
    }
    KubernetesNames.dns1123Label(chart.namespace())
        .ifPresent(
            p ->
                violations.add(
                    path + ".namespace",
                    shown(chart.namespace(), "the namespace") + " " + p,
                    "use a namespace such as \"cnpg-system\""));
    if (chart.chart().isBlank()) {
      violations.add(path + ".chart", "is empty", "name the chart, such as \"cloudnative-pg\"");
    }
    chart
        .values()
        .forEach(
            (key, value) ->
                violations.freeFormValue(
                    path + ".values" + Violations.entry(key),
                    Optional.of(key),
                    value,
                    "keep it in a Secret and point the chart at it (most charts take an existingSecret value)"));
  }
}
