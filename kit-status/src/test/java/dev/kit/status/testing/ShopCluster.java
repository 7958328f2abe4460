package dev.kit.status.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample's shop as each environment's cluster runs it (see {@code clusters/shop/README.md}),
 * seeded into a {@link MockCluster} with the upstream CRDs: in {@code prod}, two healthy services
 * (one on PlanetScale), one broken three ways, one on its way, and an {@code argocd-cm} that is the
 * repository's {@code platform/prod/argocd-cm.yaml} with kit's Atlas checks as kit wrote them
 * before they learned to wait for the current generation, so {@code kit:doctor} finds them stale;
 * in {@code dev}, every service healthy, a commit ahead, and kit's checks current.
 */
public final class ShopCluster {

  /** When the shop is looked at: 2025-03-02 08:10 UTC. */
  public static final Instant NOW = Instant.parse("2025-03-02T08:10:00Z");

  private static final String ROOT = "/clusters/shop/";
  private static final Map<String, List<String>> FILES =
      Map.of(
          "prod",
              List.of(
                  "00-namespaces.yaml",
                  "05-cert-manager-crd.yaml",
                  "10-platform.yaml",
                  "20-orders.yaml",
                  "30-payments.yaml",
                  "40-catalog.yaml",
                  "50-inventory.yaml"),
          "dev",
              List.of(
                  "00-namespaces.yaml",
                  "10-platform.yaml",
                  "20-orders.yaml",
                  "30-payments.yaml",
                  "40-catalog.yaml",
                  "50-inventory.yaml"));
  private static final Map<String, List<String>> LOGS =
      Map.of("prod", List.of("payments/payments-migrate-q9d4w"), "dev", List.of());

  /**
   * The block kit's Atlas checks gained with "Progressing while the operator has not reconciled the
   * current generation".
   */
  private static final Pattern GENERATION_CHECK =
      Pattern.compile(
          "(?m)^( *)if obj\\.status ~= nil and obj\\.status\\.observedGeneration ~= nil.*\\n(?:\\1 .*\\n)*?\\1end\\n");

  private ShopCluster() {}

  /** A clock stopped at {@link #NOW}, in UTC. */
  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /**
   * A mock cluster with the CRDs under {@code crds} (test-data/crds) and the shop's {@code
   * environment} ({@code dev} or {@code prod}), whose {@code argocd-cm} comes from the repository
   * at {@code repository} ({@code platform/<environment>/argocd-cm.yaml}).
   */
  public static MockCluster start(Path crds, Path repository, String environment) {
    if (!FILES.containsKey(environment)) {
      throw new IllegalArgumentException(
          "the shop runs in "
              + new java.util.TreeSet<>(FILES.keySet())
              + ", not \""
              + environment
              + "\"");
    }
    MockCluster cluster = MockCluster.withCrds(crds);
    try {
      for (String file : FILES.get(environment)) {
        cluster.seed(resource(environment + "/" + file));
      }
      for (String log : LOGS.get(environment)) {
        String[] parts = log.split("/");
        cluster.log(parts[0], parts[1], "atlas", resource(environment + "/logs/" + log + ".log"));
      }
      String config =
          Files.readString(
              repository.resolve("platform/" + environment + "/argocd-cm.yaml"),
              StandardCharsets.UTF_8);
      cluster.seed(
          environment.equals("prod") ? olderArgoCdConfig(config) : withArgoCdsOwnKeys(config));
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * kit's {@code argocd-cm} without the generation check in its Atlas entries, plus a key of Argo
   * CD's own.
   */
  static String olderArgoCdConfig(String current) {
    Matcher matcher = GENERATION_CHECK.matcher(current);
    String older = matcher.replaceAll("");
    if (older.equals(current)) {
      throw new IllegalStateException(
          "platform/argocd-cm.yaml has no generation check to take out: update ShopCluster");
    }
    return withArgoCdsOwnKeys(older);
  }

  /** kit's {@code argocd-cm} with a key of Argo CD's own, as a running Argo CD has it. */
  private static String withArgoCdsOwnKeys(String config) {
    return config
        .replace("\ndata:\n", "\ndata:\n  url: https://argocd.acme.example\n")
        .replace("  labels:\n", "  labels:\n    app.kubernetes.io/version: v3.5.1\n");
  }

  private static String resource(String name) {
    try (InputStream in = ShopCluster.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + ROOT + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
