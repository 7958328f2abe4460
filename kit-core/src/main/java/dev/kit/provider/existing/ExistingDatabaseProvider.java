package dev.kit.provider.existing;

import static dev.kit.validate.Violations.quote;

import dev.kit.model.App;
import dev.kit.model.Bootstrap;
import dev.kit.model.Database;
import dev.kit.model.ExistingDatabase;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import dev.kit.model.SecretKey;
import dev.kit.model.Service;
import dev.kit.model.SslMode;
import dev.kit.render.Connection;
import dev.kit.render.DatabaseProvider;
import dev.kit.render.ServiceKind;
import dev.kit.validate.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PostgreSQL that kit does not run ({@link ExistingDatabase}): no object of kit's, one Secret of
 * the team's for the migrations and the app alike, verified against the CA Secret key or the
 * system's trusted roots.
 */
public final class ExistingDatabaseProvider implements DatabaseProvider {

  /** A DNS-1123 subdomain: a Secret's name. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /**
   * A host name (RFC 1123) or an IPv4 address: what a certificate names, without a scheme or a
   * port.
   */
  private static final Pattern HOST =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final int NAME_MAX = 253;
  private static final String SYSTEM_ROOTS = "the system's trusted roots";

  /** The problem with a value that holds a URL, said without the value. */
  private static final String URL_NOT_SHOWN = "holds " + ExistingDatabase.URL_NOT_SHOWN;

  private static ExistingDatabase host(Service service) {
    return (ExistingDatabase) service.database().host();
  }

  @Override
  public String name() {
    return "an existing database";
  }

  @Override
  public boolean hosts(Database database) {
    return database.host() instanceof ExistingDatabase;
  }

  @Override
  public List<ServiceKind> kinds() {
    return List.of();
  }

  @Override
  public Connection connection(Kit kit, Service service) {
    ExistingDatabase db = host(service);
    return new Connection(
        db.secret(),
        db.host(),
        db.port(),
        db.secret(),
        Optional.empty(),
        db.port(),
        db.ca(),
        db.ca().map(SecretKey::name).orElse(SYSTEM_ROOTS));
  }

  @Override
  public void check(String path, Kit kit, Service service, Problems problems) {
    ExistingDatabase db = host(service);
    String existing = path + ".existing";
    // Where a pasted URL belongs: the Secret, named unless its name is the URL.
    // Credentials are checked before the names, which a key or a token may pass, and not shown.
    boolean secretIsUrl = ExistingDatabase.holdsUrl(db.secret());
    Optional<String> secretCredential = Violations.credentialIn(db.secret());
    boolean secretShown =
        !secretIsUrl
            && secretCredential.isEmpty()
            && Violations.quotableWithoutCredential(db.secret());
    String uriKey = "key `uri` of " + (secretShown ? "Secret " + quote(db.secret()) : "the Secret");
    if (secretIsUrl) {
      problems.add(
          existing + ".secret",
          URL_NOT_SHOWN,
          "put the URL in "
              + uriKey
              + ", and pass the Secret's name here, such as \""
              + service.name()
              + "-db\"");
    } else if (secretCredential.isPresent()) {
      problems.add(
          existing + ".secret",
          secretCredential.get() + ", not a Secret name",
          "use the lower-case name of the Secret in namespace "
              + quote(service.namespace())
              + ", such as \""
              + service.name()
              + "-db\", and keep the credential in it");
    } else if (!SECRET_NAME.matcher(db.secret()).matches() || db.secret().length() > NAME_MAX) {
      problems.add(
          existing + ".secret",
          Violations.shown(db.secret(), "the value") + " is not a Secret name",
          "use the lower-case name of the Secret in namespace "
              + quote(service.namespace())
              + ", such as \""
              + service.name()
              + "-db\"");
    }
    String hostExample = service.name() + ".db.acme.internal";
    if (ExistingDatabase.holdsUrl(db.host())) {
      problems.add(
          existing + ".host",
          URL_NOT_SHOWN,
          "put the URL in "
              + uriKey
              + ", and pass the server's bare host name here, such as \""
              + hostExample
              + "\"");
    } else {
      Violations.refuse(
          existing + ".host",
          db.host(),
          HOST.matcher(db.host()).matches() && db.host().length() <= NAME_MAX,
          "a host name",
          "use the server's lower-case host name as its certificate names it, without a scheme or a port, such as \""
              + hostExample
              + "\"",
          problems);
    }
    if (db.port() < 1 || db.port() > 65535) {
      problems.add(
          existing + ".port",
          db.port() + " is not a TCP port",
          "use the server's port, " + ExistingDatabase.DEFAULT_PORT + " for PostgreSQL's");
    }
    if (db.ca().isPresent()) {
      SecretKey ca = db.ca().get();
      if (ExistingDatabase.holdsUrl(ca.name())) {
        problems.add(
            existing + ".ca.secret",
            URL_NOT_SHOWN,
            "pass the name of the Secret with the CA certificate; a URL belongs in " + uriKey);
      } else {
        Violations.refuse(
            existing + ".ca.secret",
            ca.name(),
            SECRET_NAME.matcher(ca.name()).matches() && ca.name().length() <= NAME_MAX,
            "a Secret name",
            "use the lower-case name of the Secret with the CA certificate",
            problems);
      }
      Optional<String> keyCredential = Violations.credentialIn(ca.key());
      if (ExistingDatabase.holdsUrl(ca.key())) {
        problems.add(
            existing + ".ca.key",
            URL_NOT_SHOWN,
            "pass the key of the CA certificate, such as \"ca.crt\"; a URL belongs in " + uriKey);
      } else if (keyCredential.isPresent()) {
        problems.add(
            existing + ".ca.key",
            keyCredential.get() + ", not a key name",
            "use the name of the key with the CA certificate, such as \"ca.crt\", and keep the credential"
                + " out of the description");
      } else if (!SecretKey.isKeyName(ca.key())) {
        problems.add(
            existing + ".ca.key",
            Violations.notShown("the value") + " is not a Secret key",
            "use the name of the key with the CA certificate: letters, digits, '-', '_' and '.', such as \"ca.crt\"");
      }
    }
    if (service.database().bootstrap().isEmpty()) {
      problems.add(
          path + ".bootstrap",
          "an existing database has no default database and owner",
          "name them: bootstrap(\""
              + service.name().replace('-', '_')
              + "\", \""
              + service.name().replace('-', '_')
              + "_owner\")");
    }
  }

  /** The fix for a CloudNativePG option that creates something in the database, done elsewhere. */
  @Override
  public Optional<String> counterpart(String option) {
    if (option.equals("schema")) {
      return Optional.of(
          "remove schema(...); create the schema in the first migration: CREATE SCHEMA IF NOT EXISTS ...");
    }
    if (option.equals("extension")) {
      return Optional.of(
          "remove extension(...); ask whoever runs the database to CREATE EXTENSION it there (most need a superuser)");
    }
    return Optional.empty();
  }

  /** The service's migrations when a Job runs them, which mounts the CA. */
  private static Optional<Migrations> migrationJob(Service service) {
    return service.migrations().filter(m -> m.engine() == Migrations.Engine.JOB);
  }

  /**
   * How each of what connects (the migration Job, the app, the Atlas operator) checks the server,
   * said of what the service has: the app always verifies it, the Job and the operator use the
   * migrations' sslmode, and the operator cannot mount a CA.
   */
  private static String tls(Service service, ExistingDatabase db, Optional<SecretKey> ca) {
    List<String> verifiers = new ArrayList<>();
    List<String> others = new ArrayList<>();
    boolean checksName = service.app().isPresent();
    Optional<Migrations> job = migrationJob(service);
    if (job.isPresent() && job.get().sslMode().verifiesServer()) {
      verifiers.add("the migration Job (`sslmode=" + job.get().sslMode().value() + "`)");
      checksName |= job.get().sslMode() == SslMode.VERIFY_FULL;
    } else if (job.isPresent()) {
      others.add(
          "The migration Job connects with `sslmode="
              + job.get().sslMode().value()
              + "`: it does not verify the server.");
    }
    if (service.app().isPresent()) {
      verifiers.add("the app (`sslmode=verify-full`)");
    }
    // The AtlasMigration connects with the migrations' sslmode, the AtlasSchema with require.
    List<String> operatorModes = new ArrayList<>();
    service
        .migrations()
        .filter(m -> m.engine() == Migrations.Engine.OPERATOR)
        .ifPresent(m -> operatorModes.add("`sslmode=" + m.sslMode().value() + "`"));
    if (service.declarativeSchema().isPresent() && !operatorModes.contains("`sslmode=require`")) {
      operatorModes.add("`sslmode=require`");
    }
    if (!operatorModes.isEmpty()) {
      others.add(
          "The Atlas operator connects to `"
              + db.host()
              + ":"
              + db.port()
              + "` with "
              + String.join(" and ", operatorModes)
              + ": it cannot mount a CA certificate.");
    }
    StringBuilder text = new StringBuilder();
    if (!verifiers.isEmpty()) {
      String who = String.join(" and ", verifiers);
      text.append("\n")
          .append(Character.toUpperCase(who.charAt(0)))
          .append(who.substring(1))
          .append(verifiers.size() == 1 ? " verifies" : " verify")
          .append(" the server against ")
          .append(
              ca.map(key -> "key `" + key.key() + "` of Secret `" + key.name() + "`")
                  .orElse(SYSTEM_ROOTS))
          .append(checksName ? ": its certificate must name `" + db.host() + "`." : ".")
          .append("\n");
    }
    for (String other : others) {
      text.append("\n").append(other).append("\n");
    }
    return text.append("\n").toString();
  }

  @Override
  public Map<String, Object> runbook(Kit kit, Service service, Connection connection) {
    ExistingDatabase db = host(service);
    Bootstrap database = kit.applicationDatabase(service);
    Map<String, String> keys = keys(service);
    // The app and a Job that verifies the server mount the CA; the Atlas operator cannot.
    boolean verifies =
        migrationJob(service).filter(m -> m.sslMode().verifiesServer()).isPresent()
            || service.app().isPresent();
    Optional<SecretKey> ca = db.ca().filter(key -> verifies);
    List<String> rows = new ArrayList<>();
    rows.add(
        "| PostgreSQL | `"
            + db.host()
            + ":"
            + db.port()
            + "`, PostgreSQL "
            + service.database().postgresMajor()
            + ", run outside kit: kit renders no object for it |");
    rows.add("| database | `" + database.database() + "`, owned by `" + database.owner() + "` |");
    rows.add(
        "| Secrets | `"
            + db.secret()
            + "` (keys "
            + String.join(", ", keys.keySet().stream().map(k -> "`" + k + "`").toList())
            + ")"
            + ca.map(key -> ", `" + key.name() + "` (key `" + key.key() + "`, the CA certificate)")
                .orElse("")
            + ": provided by your team |");
    StringBuilder section = new StringBuilder();
    section.append("## Database\n\n");
    section
        .append("`")
        .append(database.database())
        .append("` runs outside kit, on `")
        .append(db.host())
        .append(":")
        .append(db.port())
        .append(
            "`: whoever runs it backs it up, monitors it, scales it and fails it over. kit only connects to it, with the Secret `")
        .append(db.secret())
        .append("` that your team creates in namespace `")
        .append(service.namespace())
        .append("` before the first sync (kit never writes a credential). It must hold:\n\n");
    section.append("| key | what |\n|---|---|\n");
    keys.forEach(
        (key, what) ->
            section.append("| `").append(key).append("` | ").append(what).append(" |\n"));
    section.append(tls(service, db, ca));
    if (service.migrations().isPresent() && service.migrations().get().baseline().isEmpty()) {
      section
          .append("If `")
          .append(database.database())
          .append(
              "` already holds tables, Atlas's first apply fails with \"connected database is not clean\": set"
                  + " `migrations(m -> m.baseline(\"<version>\"))` to the last migration whose schema it"
                  + " already has, so that Atlas counts it and those before it as applied.\n\n");
    }
    section.append("```sh\n");
    section
        .append("kubectl -n ")
        .append(service.namespace())
        .append(" get secret ")
        .append(db.secret())
        .append(
            " -o go-template='{{range $k, $v := .data}}{{$k}}{{\"\\n\"}}{{end}}'    # its keys, never their values\n");
    section.append("```");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("databaseRows", rows);
    model.put("databaseSection", section.toString());
    return model;
  }

  /** The Secret's keys that the service's migrations and app read, with what each holds. */
  private static Map<String, String> keys(Service service) {
    Map<String, String> keys = new LinkedHashMap<>();
    String owner = "the role that owns the database";
    boolean job = service.migrations().filter(m -> m.engine() == Migrations.Engine.JOB).isPresent();
    // atlas.hcl's k8s env: the on-call runs it by hand with DATABASE_URL set to the uri.
    boolean byHand =
        service.migrations().filter(m -> m.engine() == Migrations.Engine.OPERATOR).isPresent();
    boolean operator = byHand || service.declarativeSchema().isPresent();
    Optional<App.Connection> app = service.app().map(App::connection);
    boolean appUri = app.equals(Optional.of(App.Connection.URI));
    boolean parts = app.equals(Optional.of(App.Connection.PARTS));
    if (job || appUri || byHand) {
      keys.put(
          "uri",
          "a libpq URI without a query, as kit appends `?sslmode=...` (`postgresql://`, the role and its password,"
              + " percent-encoded, the host, port and database), as "
              + owner
              + (job ? " (the migration Job's)" : "")
              + (job || appUri
                  ? ""
                  : "; optional: only atlas.hcl's `k8s` env reads it, when you run Atlas by hand"));
    }
    if (parts) {
      keys.put("host", "the server's host name");
      keys.put("port", "its port");
      keys.put("dbname", "the database");
      keys.put(
          "username",
          operator
              ? owner + ", whose password the Atlas operator reads from `password`"
              : "the role");
    }
    if (operator || parts) {
      keys.put(
          "password",
          "the role's password" + (operator ? " (the Atlas operator's, as " + owner + ")" : ""));
    }
    if (app.isPresent()) {
      keys.put(
          "jdbc-uri",
          "`jdbc:postgresql://<host>:<port>/<database>?user=<role>&...`, the role and its password in the"
              + " query, which must be there: kit appends `&sslmode=verify-full` and the TLS settings");
    }
    return keys;
  }
}
