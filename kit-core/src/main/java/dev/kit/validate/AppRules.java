package dev.kit.validate;

import static dev.kit.validate.Violations.quote;
import static dev.kit.validate.Violations.shown;

import dev.kit.model.App;
import dev.kit.model.Role;
import dev.kit.model.Service;
import dev.kit.render.DatabaseProviders;
import java.util.Optional;

/**
 * The generated application: image, port, probes, resources, the user it runs as, and how it
 * connects.
 */
final class AppRules {

  private static final String RUN_AS_USER_FIX =
      "use a non-zero user id, such as the image's numeric USER or " + App.DEFAULT_RUN_AS;

  private AppRules() {}

  static void check(String path, Service service, App app, Violations violations) {
    // Credentials first: a reference refused for its format is quoted, and a password must not be.
    Optional<ImageReference> ref = ImageReference.parse(app.image());
    if (CredentialLiterals.holds(app.image())) {
      violations.add(path + ".image", "contains credentials", CredentialLiterals.IMAGE_FIX);
    } else if (ref.isEmpty()) {
      violations.add(
          path + ".image",
          shown(app.image(), "the reference") + " " + ImageReference.problem(app.image()),
          "use registry/repository:tag, such as \"ghcr.io/acme/orders:1.4.2\"");
    } else if (!ref.get().isPinned()) {
      violations.add(
          path + ".image",
          quote(app.image()) + " is not pinned",
          "use a version tag or digest, so a sync deploys what was reviewed");
    }
    if (app.port() < 1 || app.port() > 65535) {
      violations.add(
          path + ".port",
          app.port() + " is not a TCP port",
          "use a port from 1 to 65535, such as 8080");
    }
    if (app.replicas() < 0) {
      violations.add(
          path + ".replicas",
          app.replicas() + " is negative",
          "use 0 to stop the app, or 2 or more for availability");
    }
    // Plain ifs rather than lambdas, as in ServiceRules: each spins a class in a cold run.
    probePath(path + ".readinessPath", app.readinessPath(), "\"/ready\"", violations);
    probePath(path + ".livenessPath", app.livenessPath(), "\"/healthz\"", violations);
    violations.resources(path + ".resources", app.resources());
    if (app.runAsUser() == 0) {
      violations.add(
          path + ".runAsUser",
          "0 is root, and the pod runs with runAsNonRoot, so kubelet refuses to start it",
          RUN_AS_USER_FIX);
    } else if (app.runAsUser() < 0 || app.runAsUser() > Integer.MAX_VALUE) {
      violations.add(
          path + ".runAsUser",
          app.runAsUser() + " is not a user id from 1 to " + Integer.MAX_VALUE,
          RUN_AS_USER_FIX);
    }
    if (app.runAsGroup() < 0 || app.runAsGroup() > Integer.MAX_VALUE) {
      violations.add(
          path + ".runAsGroup",
          app.runAsGroup() + " is not a group id from 0 to " + Integer.MAX_VALUE,
          "use the image's numeric group, or " + App.DEFAULT_RUN_AS);
    }
    // A pooler is CloudNativePG's: on another database DatabaseRules refuses pooler(...).
    if (app.connection() == App.Connection.POOLER && !DatabaseRules.cloudNativePg(service)) {
      violations.add(
          path + ".connection",
          "POOLER needs a CloudNativePG database, and the database is "
              + DatabaseProviders.of(service).name(),
          "use Connection.URI or Connection.PARTS, which connect where the app's Secret says");
    } else if (app.connection() == App.Connection.POOLER && service.database().pooler().isEmpty()) {
      violations.add(
          path + ".connection",
          "POOLER needs a pooler, and the database has none",
          "add database(db -> db.pooler(p -> p.instances(2))), or use Connection.URI");
    }
    if (app.connectAs().isPresent()) {
      connectAs(path + ".connectAs", service, app, app.connectAs().get(), violations);
    }
  }

  /**
   * The managed role the app connects as: a login with a password Secret, which the app reads its
   * user and password from, over a connection that takes them apart from CloudNativePG's Secret.
   */
  private static void connectAs(
      String path, Service service, App app, String name, Violations violations) {
    if (!DatabaseRules.cloudNativePg(service)) {
      violations.add(
          path,
          "names a role CloudNativePG manages, and the database is "
              + DatabaseProviders.of(service).name(),
          "remove connectAs(...); the app connects as the user its Secret names");
      return;
    }
    Role role = null;
    for (Role declared : service.database().roles()) {
      if (declared.name().equals(name) && !declared.absent()) {
        role = declared;
      }
    }
    String declare =
        "database(db -> db.role(\""
            + name
            + "\", r -> r.login().passwordSecret(\""
            + service.name()
            + "-"
            + name.replace('_', '-')
            + "\")))";
    if (role == null) {
      violations.add(
          path,
          shown(name, "the role") + " is no managed role of the database",
          "declare it, " + declare + ", or connect as the owner (remove connectAs(...))");
      return;
    }
    if (!role.login() || role.passwordSecret().isEmpty()) {
      violations.add(
          path,
          "names role "
              + name
              + ", which "
              + (role.login() ? "has no password Secret to connect with" : "cannot log in"),
          "declare it as a login with a password, " + declare);
    }
    if (app.connection() == App.Connection.URI) {
      violations.add(
          path,
          "needs Connection.PARTS or POOLER: Connection.URI takes the uri of "
              + service.clusterName()
              + "-app, which is the owner's",
          "add connection(App.Connection.PARTS) to the app (or POOLER, with a pooler)");
    }
  }

  /**
   * A probe's HTTP path, written to the Deployment: credentials first, as a token in its query
   * would reach Git and a path refused for its format is quoted.
   */
  private static void probePath(
      String path, Optional<String> probePath, String example, Violations violations) {
    if (probePath.isEmpty()) {
      return;
    }
    if (CredentialLiterals.holds(probePath.get())) {
      violations.add(
          path,
          "contains credentials, which would be committed to Git in the Deployment",
          "remove them; a kubelet probe sends no Secret, so serve the endpoint without one");
    } else if (!probePath.get().startsWith("/")) {
      violations.add(
          path,
          shown(probePath.get(), "the path") + " is not an HTTP path",
          "start it with '/', such as " + example);
    }
  }
}
