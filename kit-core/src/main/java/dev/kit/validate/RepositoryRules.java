package dev.kit.validate;

import static dev.kit.validate.Violations.shown;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Repository;
import dev.kit.model.Service;
import java.util.Optional;
import java.util.regex.Pattern;

/** The repository Argo CD reads, and how the services' Applications reach Argo CD. */
final class RepositoryRules {

  private static final Pattern GIT_URL =
      Pattern.compile("(https?|ssh|git)://[^\\s@/]*@?[^\\s]+|[\\w.-]+@[\\w.-]+:[^\\s]+");

  private RepositoryRules() {}

  static void repository(Repository repo, Violations violations) {
    // Ifs and loops rather than lambdas, as in ServiceRules: each spins a class in a cold run.
    Optional<String> nameProblem = KubernetesNames.labelValue(repo.name());
    if (nameProblem.isEmpty() && repo.name().isEmpty()) {
      nameProblem = Optional.of("is empty");
    }
    if (nameProblem.isPresent()) {
      violations.add(
          "repository.name",
          shown(repo.name(), "the name") + " " + nameProblem.get(),
          "it becomes the app.kubernetes.io/part-of label; use a short name such as \"shop\"");
    }
    // Credentials first: a URL refused for its format is quoted, and a password must not be.
    if (CredentialLiterals.holds(repo.gitUrl())) {
      violations.add(
          "repository.gitUrl",
          "contains credentials",
          "remove them; Argo CD reads repository credentials from a Secret, never from the Application");
    } else if (!GIT_URL.matcher(repo.gitUrl()).matches()) {
      violations.add(
          "repository.gitUrl",
          shown(repo.gitUrl(), "the URL") + " is not a Git URL",
          "use https://host/org/repo.git or git@host:org/repo.git");
    }
    if (repo.targetRevision().isBlank() || hasWhitespace(repo.targetRevision())) {
      violations.add(
          "repository.targetRevision",
          shown(repo.targetRevision(), "the revision") + " is not a Git revision",
          "use a branch, tag or commit such as \"main\"");
    }
    violations.invalid(
        "repository.argoCd.namespace",
        repo.argoCd().namespace(),
        KubernetesNames.dns1123Label(repo.argoCd().namespace()),
        "use the namespace Argo CD runs in, usually \"argocd\"");
    violations.invalid(
        "repository.argoCd.project",
        repo.argoCd().project(),
        KubernetesNames.dns1123Subdomain(repo.argoCd().project()),
        "use the name of an Argo CD AppProject such as \"default\"");
    if (CredentialLiterals.holds(repo.argoCd().destinationServer())) {
      violations.add(
          "repository.argoCd.destinationServer",
          "contains credentials",
          "remove them; Argo CD reads cluster credentials from a cluster Secret");
    } else if (!repo.argoCd().destinationServer().matches("https://[^\\s/]+(:[0-9]+)?(/\\S*)?")) {
      violations.add(
          "repository.argoCd.destinationServer",
          shown(repo.argoCd().destinationServer(), "the URL") + " is not an https URL",
          "use the cluster's API server URL, or \"https://kubernetes.default.svc\" for Argo CD's own cluster");
    }
  }

  private static boolean hasWhitespace(String text) {
    for (int at = 0; at < text.length(); at++) {
      if (Character.isWhitespace(text.charAt(at))) {
        return true;
      }
    }
    return false;
  }

  static void delivery(Kit kit, Violations violations) {
    ArgoCd argo = kit.repository().argoCd();
    if (!argo.version().matches("v?[0-9]+\\.[0-9]+(\\.[0-9]+)?")) {
      violations.add(
          "repository.argoCd.version",
          shown(argo.version(), "the version") + " is not an Argo CD version",
          "use major.minor, such as \"3.5\" or \"2.9\"");
    }
    if (argo.delivery() == ArgoCd.Delivery.APPLICATION_SET) {
      for (Service service : kit.services()) {
        // In an environment the set names the namespace by the folder and the environment's
        // namespace rule.
        String expected =
            kit.environment().map(env -> env.namespace(service.name())).orElse(service.name());
        if (!service.namespace().equals(expected)) {
          violations.add(
              "services" + Violations.entry(service.name()) + ".namespace",
              shown(service.namespace(), "the namespace")
                  + " differs from the service name, but the ApplicationSet's directory generator names the namespace after the folder",
              "use namespace(\""
                  + service.name()
                  + "\"), or deliver with APPLICATION_PER_SERVICE or APP_OF_APPS");
        }
      }
    }
  }
}
