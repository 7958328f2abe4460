package dev.kit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Finds secret-looking literals in generated text and objects: the kit must reach credentials only
 * through Secret references ({@code secretKeyRef}, secret volumes, {@code getenv} in atlas.hcl),
 * never carry them. A finding reads {@code <where>:<line>: [<rule>] <excerpt>}, the excerpt masked
 * so a report leaks nothing.
 */
final class SecretLiterals {

  private record Rule(String name, Pattern pattern) {}

  private static final List<Rule> TEXT_RULES =
      List.of(
          // a literal assigned to a password; "password=$PGPASSWORD", a nested secretKeyRef or an
          // OpenTofu reference (password = local.app_pass,
          // planetscale_postgres_branch_role.app.password) is a reference
          new Rule(
              "password-field",
              Pattern.compile(
                  "(?i)\\b(password|passwd|pwd)\"?\\s*[:=]\\s*"
                      + "(?!(?:local|var|data|module|planetscale_[a-z_]+|kubernetes_[a-z0-9_]+)\\.)[\"']?[^\\s\"'$({]")),
          // a value assigned to PGPASSWORD; naming it (env name with a secretKeyRef, "$PGPASSWORD")
          // is a reference
          new Rule("pgpassword", Pattern.compile("PGPASSWORD\"?\\s*[=:]\\s*[\"']?[^\\s\"'$]")),
          new Rule(
              "url-credentials",
              Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s/:@'\"$()]+:[^\\s/@'\"]+@")),
          new Rule("secret-kind", Pattern.compile("(?m)^\\s*kind:\\s*[\"']?Secret[\"']?\\s*$")),
          new Rule("pem-block", Pattern.compile("-----BEGIN [A-Z0-9 ]*-----")),
          new Rule("base64-pem-block", Pattern.compile("LS0tLS1CRUdJT")), // base64 of "-----BEGI"
          new Rule(
              "aws-access-key-id",
              Pattern.compile("\\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b")),
          new Rule(
              "github-token",
              Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\\b")),
          new Rule("gitlab-token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b")),
          new Rule("slack-token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
          new Rule(
              "private-key-assignment",
              Pattern.compile(
                  "(?i)\\b(api[_-]?key|secret[_-]?key|access[_-]?key|client[_-]?secret|auth[_-]?token|service[_-]?token)\"?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+=_-]{12,}")));

  private static final Pattern SECRET_ENV_NAME =
      Pattern.compile("PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL");

  private SecretLiterals() {}

  /** Text findings, one per rule and line. */
  static List<String> scanText(String where, String text) {
    List<String> findings = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (Rule rule : TEXT_RULES) {
        Matcher matcher = rule.pattern().matcher(lines[i]);
        if (matcher.find()) {
          findings.add(where + ":" + (i + 1) + ": [" + rule.name() + "] " + mask(matcher.group()));
        }
      }
    }
    return findings;
  }

  /**
   * Object findings: a Secret object, or an environment variable whose name says it holds a
   * credential and whose value is a literal rather than a {@code valueFrom} reference. Walks every
   * array of name/value pairs, so init containers, sidecars and patched-in env are covered.
   */
  static List<String> scanObject(String where, JsonNode object) {
    List<String> findings = new ArrayList<>();
    if ("Secret".equals(object.path("kind").asString(""))) {
      findings.add(where + ": $: [secret-kind] a generated Secret would carry credentials in Git");
    }
    walk(where, "$", object, findings);
    return findings;
  }

  private static void walk(String where, String path, JsonNode node, List<String> findings) {
    if (node.isObject()) {
      if (node.path("name").isString() && node.has("value") && !node.has("valueFrom")) {
        String name = node.path("name").asString().toUpperCase(Locale.ROOT);
        if (SECRET_ENV_NAME.matcher(name).find() && !node.path("value").asString("").isEmpty()) {
          findings.add(
              where
                  + ": "
                  + path
                  + ".value: [env-literal] "
                  + node.path("name").asString()
                  + " has a literal value; use valueFrom.secretKeyRef");
        }
      }
      node.properties().forEach(e -> walk(where, path + "." + e.getKey(), e.getValue(), findings));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(where, path + "[" + i + "]", node.get(i), findings);
      }
    }
  }

  /**
   * The first four characters of a match, the rest starred: enough to find it, not enough to use
   * it.
   */
  private static String mask(String match) {
    return match.length() <= 4
        ? match
        : match.substring(0, 4) + "*".repeat(Math.min(12, match.length() - 4));
  }
}
