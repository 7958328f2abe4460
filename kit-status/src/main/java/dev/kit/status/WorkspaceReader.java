package dev.kit.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * provider-opentofu's {@code Workspace} (a PlanetScale database's OpenTofu module, CRD in {@code
 * test-data/crds/opentofu.upbound.io}): its {@code Synced}, {@code LastAsyncOperation} and {@code
 * Ready} conditions (and the generation Synced describes), as kit's Argo CD check reads them, and
 * whether its connection Secret is there, which the migrations and the app wait for.
 */
final class WorkspaceReader implements KindReader {

  /**
   * The ClusterProviderConfig kit's Workspaces use, and the Secret it reads the PlanetScale token
   * from.
   */
  private static final String PROVIDER_CONFIG = "planetscale";

  private static final String TOKEN_NAMESPACE = "crossplane-system";
  private static final String TOKEN_SECRET = "planetscale-service-token";

  /** Crossplane's annotation that stops reconciling a managed resource. */
  private static final String PAUSED = "crossplane.io/paused";

  @Override
  public boolean reads(PlannedObject object) {
    return object.group().equals("opentofu.m.upbound.io") && object.kind().equals("Workspace");
  }

  @Override
  public Finding read(PlannedObject object, JsonNode live, Inspection inspection) {
    JsonNode synced = Inspection.condition(live.path("status"), "Synced");
    JsonNode lastOperation = Inspection.condition(live.path("status"), "LastAsyncOperation");
    JsonNode ready = Inspection.condition(live.path("status"), "Ready");
    long generation = live.path("metadata").path("generation").asLong(0);
    String secret =
        object.body().path("spec").path("writeConnectionSecretToRef").path("name").asString("");
    boolean secretPresent =
        !secret.isEmpty()
            && inspection.cluster().get("v1", "Secret", object.namespace(), secret).isPresent();
    String describe = "kubectl describe workspace " + object.name() + " -n " + object.namespace();
    var facts =
        Inspection.facts(
            "synced",
            status(synced),
            "ready",
            status(ready),
            "reason",
            reason(ready),
            "connectionSecret",
            secret,
            "connectionSecretPresent",
            secretPresent);
    // kit's Argo CD check (WorkspaceHealth.SCRIPT): paused first (Crossplane then sets
    // Synced=False, reason ReconcilePaused, which is no failure), then a Synced of an older
    // generation (the reconciler stamps it after tofu apply returns; Ready carries no generation),
    // then a failure.
    if (live.path("metadata").path("annotations").path(PAUSED).asString("").equals("true")
        || reason(synced).equals("ReconcilePaused")) {
      return Inspection.finding(
          object,
          column(object),
          Health.SUSPENDED,
          "paused by the " + PAUSED + " annotation; remove it to resume",
          "kubectl annotate workspace "
              + object.name()
              + " -n "
              + object.namespace()
              + " "
              + PAUSED
              + "-",
          facts);
    }
    if (synced != null
        && synced.path("observedGeneration").isNumber()
        && synced.path("observedGeneration").asLong() < generation) {
      return Inspection.finding(
          object,
          column(object),
          Health.PROGRESSING,
          "waiting for provider-opentofu to apply generation " + generation,
          "provider-opentofu has not applied the current spec yet; if it stays so, "
              + describe
              + " and mvn kit:doctor",
          facts);
    }
    for (JsonNode failed : new JsonNode[] {synced, lastOperation}) {
      if (failed != null && status(failed).equals("False")) {
        return Inspection.finding(
            object,
            column(object),
            Health.DEGRADED,
            "failed: " + message(failed),
            describe
                + " shows the OpenTofu error; the provider-opentofu pod's log has the whole run",
            facts);
      }
    }
    if (ready == null || !status(ready).equals("True")) {
      String text;
      if (ready == null) {
        text = "waiting for provider-opentofu";
      } else if (reason(ready).equals("Creating")) {
        text = "applying (Creating)";
      } else {
        String why = message(ready).equals(reason(ready)) ? "" : ": " + message(ready);
        text = "not ready (" + reason(ready) + why + ")";
      }
      return Inspection.finding(
          object,
          column(object),
          Health.PROGRESSING,
          text,
          "provider-opentofu is applying the module; if it stays so, "
              + describe
              + " and mvn kit:doctor",
          facts);
    }
    if (!secretPresent) {
      return Inspection.finding(
          object,
          column(object),
          Health.PROGRESSING,
          "ready, Secret " + secret + " missing",
          "the provider writes the Secret after its next apply; " + describe + " shows its events",
          facts);
    }
    return Inspection.finding(
        object, column(object), Health.HEALTHY, "ready, Secret " + secret + " present", "", facts);
  }

  @Override
  public Needs needs(PlannedObject object) {
    String reader =
        "the ClusterProviderConfig " + PROVIDER_CONFIG + " for the Workspace " + object.name();
    String secret =
        object.body().path("spec").path("writeConnectionSecretToRef").path("name").asString("");
    List<String> provides = new ArrayList<>();
    if (!secret.isEmpty()) {
      provides.add(secret);
    }
    // The module writes the app's Secret itself (kubernetes_secret_v1): the tree provides it,
    // nobody creates it by hand.
    Matcher written =
        MODULE_SECRET.matcher(
            object.body().path("spec").path("forProvider").path("module").asString(""));
    while (written.find()) {
      provides.add(written.group(1));
    }
    return new Needs(
        List.of(),
        List.of(
            new Needs.SecretUse(
                TOKEN_NAMESPACE, TOKEN_SECRET, new TreeSet<>(List.of("id", "token")), reader)),
        List.copyOf(provides),
        List.of(
            new Needs.KindUse(
                "opentofu.m.upbound.io",
                "ClusterProviderConfig",
                "the Workspace runs with the ClusterProviderConfig "
                    + PROVIDER_CONFIG
                    + " (platform/)"),
            new Needs.KindUse(
                "pkg.crossplane.io",
                "Provider",
                "provider-opentofu is a Crossplane provider package")));
  }

  /** A {@code kubernetes_secret_v1} resource of the module and the name in its metadata. */
  private static final Pattern MODULE_SECRET =
      Pattern.compile(
          "resource\\s+\"kubernetes_secret_v1\"\\s+\"[^\"]+\"\\s*\\{\\s*metadata\\s*\\{\\s*name\\s*=\\s*\"([^\"]+)\"");

  private static String status(@Nullable JsonNode condition) {
    return condition == null ? "" : condition.path("status").asString("");
  }

  private static String reason(@Nullable JsonNode condition) {
    return condition == null ? "" : condition.path("reason").asString("");
  }

  private static String message(JsonNode condition) {
    return Optional.of(condition.path("message").asString(""))
        .filter(m -> !m.isEmpty())
        .map(m -> m.lines().findFirst().orElse(m))
        .orElse(reason(condition));
  }
}
