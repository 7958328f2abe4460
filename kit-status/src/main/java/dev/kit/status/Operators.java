package dev.kit.status;

import java.util.List;
import java.util.Optional;

/**
 * Who installs which API groups, for fixes that name what to install: the operators kit's {@code
 * Platform} deploys (by their Helm chart's name) and the others a tree may need.
 */
final class Operators {

  /**
   * An operator.
   *
   * @param name how a person calls it
   * @param chart its Helm chart, as kit's platform Applications name it
   * @param groups the API groups its CRDs define
   */
  record Operator(String name, String chart, List<String> groups) {}

  static final List<Operator> ALL =
      List.of(
          new Operator("CloudNativePG", "cloudnative-pg", List.of("postgresql.cnpg.io")),
          new Operator(
              "the Barman Cloud plugin", "plugin-barman-cloud", List.of("barmancloud.cnpg.io")),
          new Operator("cert-manager", "cert-manager", List.of("cert-manager.io")),
          new Operator("the Atlas operator", "atlas-operator", List.of("db.atlasgo.io")),
          new Operator(
              "the Prometheus Operator", "kube-prometheus-stack", List.of("monitoring.coreos.com")),
          new Operator("Argo CD", "argo-cd", List.of("argoproj.io")));

  private Operators() {}

  static Optional<Operator> ofGroup(String group) {
    return ALL.stream().filter(operator -> operator.groups().contains(group)).findFirst();
  }

  static Optional<Operator> ofChart(String chart) {
    return ALL.stream().filter(operator -> operator.chart().equals(chart)).findFirst();
  }
}
