package dev.kit.validate;

import static dev.kit.validate.KubernetesNames.isAsciiLetter;
import static dev.kit.validate.KubernetesNames.isAsciiLetterOrDigit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds credentials written into the description, which would reach Git in the generated files: a
 * user and password in a URL, a value under a key or in an environment variable named like a
 * password or token, and strings shaped like well-known keys. Messages name where, never the value,
 * so a build log does not leak it either.
 */
final class CredentialLiterals {

  /** What {@link #shape} calls a word that {@link #inUrl} finds credentials in. */
  private static final String URL_SHAPE = "a URL with a password";

  /**
   * Strings shaped like a credential wherever they appear, with what they are; a URL with
   * credentials is {@link #inUrl}'s, run on each word.
   */
  private static final Map<String, Pattern> SHAPES =
      Map.of(
          "an AWS access key id",
              Pattern.compile("\\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\\b"),
          "a private key", Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|LS0tLS1CRUdJTi"),
          "a GitHub token",
              Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\\b"),
          "a GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"),
          "a Slack token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"),
          "a PlanetScale credential",
              Pattern.compile("\\bpscale_(pw|tkn|oauth)_[A-Za-z0-9=._-]{32,}"));

  /** An environment variable holding a credential, by the usual names. */
  private static final Pattern SECRET_ENV_NAME =
      Pattern.compile("PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY");

  /**
   * Keys (lower case, without '-', '_' and '.') whose string value is a credential itself, not a
   * reference to one.
   */
  private static final List<String> SECRET_KEY_ENDINGS =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "secretkey",
          "secretaccesskey",
          "apikey",
          "apitoken",
          "accesstoken",
          "authtoken",
          "bearertoken",
          "token",
          "clientsecret",
          "privatekey");

  /** What separates words: the whitespace of regular expressions' {@code \s}. */
  private static final String WHITESPACE = " \t\n\u000B\f\r";

  /** The fix for a credential in a label. */
  static final String LABEL_FIX =
      "remove it and keep the credential in a Secret; anyone who may list the object reads its labels";

  /** The fix for a credential in an image reference, which the kubelet cannot use anyway. */
  static final String IMAGE_FIX =
      "remove them; a reference has no place for them: give the cluster the registry's credentials"
          + " in an image pull Secret";

  /** The fix for a credential in a PostgreSQL, PgBouncer or PlanetScale parameter. */
  static final String PARAMETER_FIX = "remove it and keep the credential in a Secret";

  private CredentialLiterals() {}

  /**
   * Whether {@code text} holds a credential by any rule: a URL with one ({@link #inUrl}, which also
   * sees a password with whitespace in it), a string shaped like one ({@link #shape}), as in {@code
   * ghp_...@github.com:acme/x.git}, or a query parameter named like one ({@link #inQuery}). What is
   * refused for it must not be quoted either.
   */
  static boolean holds(String text) {
    return shape(text).isPresent() || holdsUnshaped(text);
  }

  /**
   * Whether {@code text} holds a credential that {@link #shape} does not name: {@link #holds}
   * without its shape scan, for a caller that has run {@link #shape} already.
   */
  static boolean holdsUnshaped(String text) {
    return inUrl(text) || inQuery(text);
  }

  /**
   * Whether a parameter of the query after {@code text}'s first '?' sets a value that is not a
   * reference under a key named like a credential ({@link #isSecretKey}) or a signature: {@code
   * ?access_token=...}, {@code ?X-Amz-Signature=...}, {@code ?sig=...}.
   */
  static boolean inQuery(String text) {
    int start = text.indexOf('?') + 1;
    while (start > 0 && start < text.length()) {
      int end = text.indexOf('&', start);
      if (end < 0) {
        end = text.length();
      }
      int equals = text.indexOf('=', start);
      if (equals > start && equals < end - 1 && text.charAt(equals + 1) != '$') {
        String key = text.substring(start, equals);
        String lower = key.toLowerCase(Locale.ROOT);
        if (isSecretKey(key) || lower.endsWith("signature") || lower.equals("sig")) {
          return true;
        }
      }
      start = end + 1;
    }
    return false;
  }

  /**
   * Whether a message may quote {@code value}: it {@link #holds} no credential, and has no '?' or
   * '=', which carry a signed URL's signature or a key's value in a form no shape knows.
   */
  static boolean quotable(String value) {
    return quotableWithoutCredential(value) && !holds(value);
  }

  /**
   * {@link #quotable} for a value already found to hold no credential ({@link #holds}): it has no
   * '?' or '=', so a caller that has scanned it does not scan it again.
   */
  static boolean quotableWithoutCredential(String value) {
    return value.indexOf('?') < 0 && value.indexOf('=') < 0;
  }

  /**
   * Whether {@code url} carries a user and password (or a token as the user) before its host: a
   * password in any URL, or any user part in an http(s) URL; {@code ssh://git@host} is fine.
   * Without a scheme, a {@code user:password@} before any '/' ({@code
   * oauth2:<token>@gitlab.com/acme/x.git}), which scp-like {@code git@github.com:acme/x.git} is
   * not. A password (or an http(s) user without one) that starts with '$' is a reference resolved
   * elsewhere, {@code $(DB_PASSWORD)}, not a credential. In regular-expression terms {@code
   * [a-z][a-z0-9+.-]*://[^/@\s:]*:(?!\$)[^/@]*@.*|https?://[^/@\s:$][^/@\s:]*@.*|[^/@:]*:(?!\$)[^/@]*@.*},
   * ignoring case; scanned by hand, as every service's backup path is checked ({@code
   * CredentialLiteralsTest} compares both).
   */
  static boolean inUrl(String url) {
    return inUrlWithScheme(url) || inUserPartWithoutScheme(url);
  }

  private static boolean inUrlWithScheme(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 1 || !isAsciiLetter(url.charAt(0))) {
      return false;
    }
    for (int at = 1; at < schemeEnd; at++) {
      if (!isSchemeChar(url.charAt(at))) {
        return false;
      }
    }
    // The user part: up to the first '/' or '@', which must be the '@', or whitespace before a
    // ':'; a password may hold whitespace, which must not let it through (admin:hunter 2@k8s).
    int userStart = schemeEnd + "://".length();
    int at = userStart;
    int colon = -1;
    while (at < url.length()
        && url.charAt(at) != '/'
        && url.charAt(at) != '@'
        && (colon >= 0 || WHITESPACE.indexOf(url.charAt(at)) < 0)) {
      if (colon < 0 && url.charAt(at) == ':') {
        colon = at;
      }
      at++;
    }
    if (at == url.length() || url.charAt(at) != '@') {
      return false;
    }
    if (colon >= 0) {
      return !isReference(url, colon + 1, at);
    }
    String scheme = url.substring(0, schemeEnd);
    return (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        && at > userStart
        && !isReference(url, userStart, at);
  }

  /** Whether {@code url}'s characters from {@code start} to {@code end} start with a '$'. */
  private static boolean isReference(String url, int start, int end) {
    return start < end && url.charAt(start) == '$';
  }

  private static boolean isSchemeChar(char c) {
    return isAsciiLetterOrDigit(c) || c == '+' || c == '.' || c == '-';
  }

  /**
   * A ':' before the first '@', with no '/' before it: {@code user:password@host}. A URL with a
   * scheme never matches, as its "://" puts a '/' right after its first ':'.
   */
  private static boolean inUserPartWithoutScheme(String url) {
    int colon = -1;
    for (int at = 0; at < url.length(); at++) {
      char c = url.charAt(at);
      if (c == '@') {
        return colon >= 0 && !isReference(url, colon + 1, at);
      }
      if (c == '/') {
        return false;
      }
      if (colon < 0 && c == ':') {
        colon = at;
      }
    }
    return false;
  }

  /**
   * What {@code text} looks like when it holds a string shaped like a credential ("an AWS access
   * key id"), the first such by name when several match.
   */
  static Optional<String> shape(String text) {
    // A loop, not a stream: Secret key names are checked in every cold validation.
    @Nullable String found = urlInWords(text) ? URL_SHAPE : null;
    for (Map.Entry<String, Pattern> shape : SHAPES.entrySet()) {
      if ((found == null || shape.getKey().compareTo(found) < 0)
          && shape.getValue().matcher(text).find()) {
        found = shape.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Whether a word of {@code text} (split at whitespace) is a URL that {@link #inUrl} finds
   * credentials in, or holds one from a scheme on, as in {@code dsn=postgres://app:pw@db}.
   */
  private static boolean urlInWords(String text) {
    int start = 0;
    while (start < text.length()) {
      int end = start;
      while (end < text.length() && WHITESPACE.indexOf(text.charAt(end)) < 0) {
        end++;
      }
      if (end > start && urlInWord(text.substring(start, end))) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  private static boolean urlInWord(String word) {
    if (inUrl(word)) {
      return true;
    }
    // Each "://" after the word's start, from the first letter of the scheme chars before it.
    for (int separator = word.indexOf("://", 1);
        separator > 0;
        separator = word.indexOf("://", separator + 1)) {
      int scheme = separator;
      while (scheme > 0 && isSchemeChar(word.charAt(scheme - 1))) {
        scheme--;
      }
      while (scheme < separator && !isAsciiLetter(word.charAt(scheme))) {
        scheme++;
      }
      if (scheme > 0 && scheme < separator && inUrlWithScheme(word.substring(scheme))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The credentials in a free-form value (a patch value, Helm values), where a string that starts
   * with '$' is a reference Kubernetes expands, {@code $(DB_PASSWORD)}, not a credential.
   *
   * @param path where the value is, such as {@code services[orders].patches[0].value}
   * @param key the name the value is set under (a patch path's last segment, a values key), or
   *     empty
   * @param fix how to pass such a value instead, for this kind of value
   */
  static List<Violation> check(
      String path, Optional<String> key, @Nullable Object value, String fix) {
    List<Violation> violations = new ArrayList<>();
    walk(path, key, value, fix, true, violations);
    return violations;
  }

  /**
   * The credentials in a label's or parameter's value, which nothing expands: PostgreSQL, PgBouncer
   * and PlanetScale read {@code $ecretPw1} as it is written, so a '$' makes no reference.
   *
   * @param path where the value is, such as {@code services[orders].database.parameters[x]}
   * @param key the label key or parameter name
   * @param fix how to pass such a value instead, for this kind of value
   */
  static List<Violation> checkLiteral(String path, String key, String value, String fix) {
    List<Violation> violations = new ArrayList<>();
    walk(path, Optional.of(key), value, fix, false, violations);
    return violations;
  }

  /**
   * @param expanded whether Kubernetes expands a string that starts with '$' (an environment
   *     variable's value, a patch value), which is then a reference, not a credential
   */
  private static void walk(
      String path,
      Optional<String> key,
      @Nullable Object value,
      String fix,
      boolean expanded,
      List<Violation> violations) {
    if (value instanceof String text) {
      if (text.isEmpty() || (expanded && text.startsWith("$"))) {
        return; // "$(VAR)", "${VAR}": a reference resolved elsewhere
      }
      if (key.isPresent() && isSecretKey(key.get())) {
        violations.add(
            new Violation(
                path,
                "holds a literal "
                    + key.get()
                    + ", which would be committed to Git in the generated files",
                fix));
        return;
      }
      Optional<String> what = shape(text);
      if (what.isPresent()) {
        violations.add(
            new Violation(
                path,
                "holds " + what.get() + ", which would be committed to Git in the generated files",
                fix));
      }
    } else if (value instanceof Map<?, ?> map) {
      if (map.get("name") instanceof String name
          && map.get("value") instanceof String literal
          && !literal.isEmpty()
          && !literal.startsWith("$")
          && !map.containsKey("valueFrom")
          && SECRET_ENV_NAME.matcher(name.toUpperCase(Locale.ROOT)).find()) {
        violations.add(
            new Violation(
                path + "[value]",
                "sets environment variable "
                    + name
                    + " to a literal, which would be committed to Git",
                "read it from a Secret: {name: "
                    + name
                    + ", valueFrom: {secretKeyRef: {name: <secret>, key: <key>}}}"));
        return;
      }
      JsonValues.sorted(map)
          .forEach(
              e ->
                  walk(
                      path + Violations.entry(String.valueOf(e.getKey())),
                      Optional.of(String.valueOf(e.getKey())),
                      e.getValue(),
                      fix,
                      expanded,
                      violations));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(path + "[" + i + "]", Optional.empty(), list.get(i), fix, expanded, violations);
      }
    }
  }

  /**
   * Whether a value under {@code key} is a credential: {@code dbPassword}, {@code api_key}, {@code
   * token}, not {@code existingSecret}.
   */
  static boolean isSecretKey(String key) {
    // Loops, not a stream: every service's labels and parameters are checked in a cold run.
    StringBuilder normalized = new StringBuilder(key.length());
    for (int at = 0; at < key.length(); at++) {
      char c = key.charAt(at);
      if (c != '-' && c != '_' && c != '.') {
        normalized.append(c);
      }
    }
    String name = normalized.toString().toLowerCase(Locale.ROOT);
    if (name.startsWith("existing")) {
      return false;
    }
    for (String ending : SECRET_KEY_ENDINGS) {
      if (name.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }
}
