package dev.kit.validate;

import dev.kit.model.Resources;
import dev.kit.model.SecretKey;
import dev.kit.model.Storage;
import dev.kit.render.DatabaseProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The violations one validation pass finds, in the order found, and the checks of values that
 * several parts of a description share (quantities, storage, resources, Secret keys, free-form
 * JSON, derived names). Rules, a database provider's included, add to it; {@link Validation}
 * reports them all at once.
 */
public final class Violations implements DatabaseProvider.Problems {

  private final List<Violation> found = new ArrayList<>();

  /** Adds one violation. */
  @Override
  public void add(String path, String problem, String fix) {
    found.add(new Violation(path, problem, fix));
  }

  /**
   * Adds {@code "value" problem} at {@code path} when a check found one: the one form every name,
   * label and reference check reports in; the value {@link #shown} only when a message may quote
   * it. Pass a constant fix: one built per call would be built for every valid value too.
   */
  public void invalid(String path, String value, Optional<String> problem, String fix) {
    if (problem.isPresent()) {
      add(path, shown(value, "the value") + " " + problem.get(), fix);
    }
  }

  public void add(Violation violation) {
    found.add(violation);
  }

  public void addAll(Collection<Violation> violations) {
    found.addAll(violations);
  }

  /** What was found so far, in order. */
  public List<Violation> list() {
    return List.copyOf(found);
  }

  /** A persistent volume request: a positive size in bytes, and a StorageClass name. */
  public void storage(String path, Storage storage) {
    byteQuantity(path + ".size", storage.size(), "Gi");
    if (storage.storageClass().isPresent()) {
      String storageClass = storage.storageClass().get();
      invalid(
          path + ".storageClass",
          storageClass,
          KubernetesNames.dns1123Subdomain(storageClass),
          "use the name of a StorageClass in the cluster");
    }
  }

  /** Container requests and limits: quantities, and no request above its limit. */
  public void resources(String path, Resources resources) {
    for (Map.Entry<String, String> request : resources.requests().entrySet()) {
      resource(path + ".requests" + member(request.getKey()), request.getKey(), request.getValue());
    }
    for (Map.Entry<String, String> limit : resources.limits().entrySet()) {
      resource(path + ".limits" + member(limit.getKey()), limit.getKey(), limit.getValue());
    }
    found.addAll(ResourceLimits.check(path, resources));
  }

  /**
   * {@code [name]}, a map's or a list's entry in a path ({@code environments[prod]}), or nothing
   * when a message may not quote the name ({@link #quotable}).
   */
  public static String entry(String name) {
    return quotable(name) ? "[" + name + "]" : "";
  }

  /**
   * {@code .name}, a map's key as a member of a path ({@code resources.requests.cpu}), or nothing
   * when a message may not quote the name ({@link #quotable}).
   */
  public static String member(String name) {
    return quotable(name) ? "." + name : "";
  }

  /**
   * A reference to a key of a Secret in the service's namespace. A key refused is never quoted:
   * what is passed where a key belongs may be the credential itself, such as an AWS secret access
   * key, whose look no rule knows.
   */
  public void secretKey(String path, SecretKey key) {
    Optional<String> nameCredential = credentialIn(key.name());
    if (nameCredential.isPresent()) {
      add(
          path + ".name",
          nameCredential.get() + ", not a Secret name",
          "use the name of a Secret in the namespace, and keep the credential in it");
    } else {
      Optional<String> nameProblem = KubernetesNames.dns1123Subdomain(key.name());
      if (nameProblem.isPresent()) {
        add(
            path + ".name",
            shown(key.name(), "the name") + " " + nameProblem.get(),
            "use the name of a Secret in the namespace");
      }
    }
    Optional<String> keyCredential = credentialIn(key.key());
    if (keyCredential.isPresent()) {
      add(
          path + ".key",
          keyCredential.get() + ", not a key name",
          "use the name of the key in the Secret, such as \"ACCESS_KEY_ID\", and keep the credential in the Secret");
    } else if (!SecretKey.isKeyName(key.key())) {
      add(
          path + ".key",
          notShown("the value") + " is not a Secret key",
          "use the name of the key in the Secret: letters, digits, '-', '_' and '.', such as \"ACCESS_KEY_ID\"");
    }
  }

  /** A patch or Helm value: JSON, and no credential in it. */
  void freeFormValue(
      String path, Optional<String> key, @Nullable Object value, String credentialFix) {
    List<Violation> json = JsonValues.check(path, value);
    found.addAll(json);
    if (json.isEmpty()) {
      found.addAll(CredentialLiterals.check(path, key, value, credentialFix));
    }
  }

  /**
   * A label's or parameter's value: reported at {@code path}, without the value, when it looks like
   * a credential or {@code key} names one.
   *
   * @return whether it was reported, so that no other check of the value quotes it
   */
  boolean credential(String path, String key, String value, String fix) {
    List<Violation> credentials = CredentialLiterals.checkLiteral(path, key, value, fix);
    found.addAll(credentials);
    return !credentials.isEmpty();
  }

  /**
   * A label's value, at {@code path}: a credential (by its look or {@code key}) without showing it,
   * otherwise a value Kubernetes refuses, with {@code fix}.
   */
  void labelValue(String path, String key, String value, String fix) {
    if (!credential(path, key, value, CredentialLiterals.LABEL_FIX)) {
      invalid(path, value, KubernetesNames.labelValue(value), fix);
    }
  }

  /** A name kit derives from the service's, which must stay within {@code max} characters. */
  public void derivedName(String path, String serviceName, String derived, int max, String what) {
    derivedName(path, serviceName, derived, max, what, this);
  }

  /**
   * A name kit derives from the service's, which must stay within {@code max} characters, told to
   * {@code problems}: for the checks of a database provider.
   */
  public static void derivedName(
      String path,
      String serviceName,
      String derived,
      int max,
      String what,
      DatabaseProvider.Problems problems) {
    if (derived.length() > max) {
      problems.add(
          path,
          quote(serviceName)
              + " makes the "
              + what
              + " name "
              + quote(derived)
              + " "
              + derived.length()
              + " characters, more than "
              + max,
          "shorten the service name to at most "
              + (max - (derived.length() - serviceName.length()))
              + " characters");
    }
  }

  private void resource(String path, String name, String value) {
    if (!KubernetesNames.isContainerResourceName(name)) {
      add(
          path,
          shown(name, "the name") + " is not a resource the API server knows",
          "use \"cpu\", \"memory\", \"ephemeral-storage\", \"hugepages-<size>\" such as"
              + " \"hugepages-2Mi\", or an extended resource such as \"example.com/gpu\"");
    } else if (Resources.MEMORY.equals(name)) {
      byteQuantity(path, value, "Mi");
    } else {
      quantity(path, value, true);
    }
  }

  /**
   * A size in bytes, where {@code m} (milli) is always a mistake for {@code Mi}, and anything below
   * 1Mi (a plain number is bytes) a unit left out: the fix adds {@code unit}.
   */
  private void byteQuantity(String path, String value, String unit) {
    if (KubernetesNames.isQuantity(value) && value.endsWith("m")) {
      add(
          path,
          quote(value) + " is " + value.substring(0, value.length() - 1) + " thousandths of a byte",
          "try " + quote(value.substring(0, value.length() - 1) + "Mi"));
    } else if (KubernetesNames.isPositiveQuantity(value) && belowOneMebibyte(value)) {
      String number = value.substring(0, KubernetesNames.numberEnd(value));
      add(
          path,
          quote(value)
              + (number.equals(value) ? " is " + value + " bytes," : " is")
              + " less than 1Mi",
          "try " + quote(number + unit));
    } else {
      quantity(path, value, true);
    }
  }

  private static boolean belowOneMebibyte(String quantity) {
    try {
      return ResourceLimits.amount(quantity).compareTo(BigDecimal.valueOf(1L << 20)) < 0;
    } catch (NumberFormatException | ArithmeticException beyondAScale) {
      return false; // an exponent no BigDecimal holds is left to the API server
    }
  }

  private void quantity(String path, String value, boolean positive) {
    if (!KubernetesNames.isQuantity(value)) {
      add(
          path,
          shown(value, "the value") + " is not a Kubernetes quantity",
          KubernetesNames.quantitySuggestion(value)
              .map(s -> "try " + quote(s))
              .orElse(
                  "use a number with an optional unit, such as \"20Gi\", \"512Mi\" or \"500m\""));
    } else if (positive && !KubernetesNames.isPositiveQuantity(value)) {
      add(
          path,
          quote(value) + " is not greater than zero",
          "use a positive amount such as \"1Gi\"");
    }
  }

  /**
   * Whether a message may quote {@code value}, the one rule every message that names a value of the
   * description follows (messages reach build logs): it holds no credential ({@link
   * #credentialIn}), and has no '?' or '=', which carry a signed URL's signature or a key's value
   * in a form no rule knows.
   */
  public static boolean quotable(String value) {
    return CredentialLiterals.quotable(value);
  }

  /**
   * {@link #quotable} for a value {@link #credentialIn} found no credential in, without scanning it
   * again.
   */
  public static boolean quotableWithoutCredential(String value) {
    return CredentialLiterals.quotableWithoutCredential(value);
  }

  /**
   * {@code "value"} when a message may quote it ({@link #quotable}), or else {@code what} and that
   * it is not shown: {@code shown(url, "the URL") + " is not an https URL"}.
   */
  public static String shown(String value, String what) {
    return quotable(value) ? quote(value) : notShown(what);
  }

  /**
   * {@code noun "value"} when a message may quote the value ({@link #quotable}), or else {@code the
   * noun} and that it is not shown: {@code named("key", key) + " is not a label key"}.
   */
  public static String named(String noun, String value) {
    return quotable(value) ? noun + " " + quote(value) : notShown("the " + noun);
  }

  /**
   * {@code what} and that it is not shown, for a value a message never quotes, whatever it looks
   * like: a Secret's key, where the credential itself may be passed.
   */
  public static String notShown(String what) {
    return what + " (not shown, as it may hold a credential)";
  }

  /**
   * What a message says in place of {@code value} when it holds a credential (a string shaped like
   * a key or a token, a URL with a password): {@code "looks like a GitHub token"}, or {@code
   * "contains credentials"}; empty when it holds none. A value that holds none may still not be
   * {@link #quotable}.
   */
  public static Optional<String> credentialIn(String value) {
    // One scan: the shape is looked for once, not again by CredentialLiterals.holds.
    Optional<String> shape = CredentialLiterals.shape(value);
    if (shape.isPresent()) {
      return Optional.of("looks like " + shape.get());
    }
    return CredentialLiterals.holdsUnshaped(value)
        ? Optional.of("contains credentials")
        : Optional.empty();
  }

  /**
   * Why {@code value}, set where {@code what} belongs, is refused: when it holds a credential, even
   * a {@code valid} one (a key may match a name's pattern), what it looks like without showing it
   * ({@code "looks like an AWS access key id, not a cluster size"}); else, when it is not {@code
   * valid}, {@code "\"ps-10\" is not a cluster size"}, the value {@link #shown} only when a message
   * may quote it. Empty when it is valid and holds no credential. For the checks of a database
   * provider, whose messages reach build logs.
   */
  public static Optional<String> refused(String value, boolean valid, String what) {
    Optional<String> credential = credentialIn(value);
    if (credential.isPresent()) {
      return Optional.of(credential.get() + ", not " + what);
    }
    if (valid) {
      return Optional.empty();
    }
    return Optional.of(
        (quotableWithoutCredential(value) ? quote(value) : notShown("the value"))
            + " is not "
            + what);
  }

  /**
   * Refuses {@code value}, set where {@code what} belongs, when it holds a credential or is not
   * {@code valid}, as {@link #refused} says it: for the checks of a database provider.
   */
  public static void refuse(
      String path,
      String value,
      boolean valid,
      String what,
      String fix,
      DatabaseProvider.Problems problems) {
    Optional<String> refused = refused(value, valid, what);
    if (refused.isPresent()) {
      problems.add(path, refused.get(), fix);
    }
  }

  /**
   * Whether {@code name} passes as a service's name, which the service's rules report otherwise: a
   * check of a name derived from it runs only then, so that one mistake is told once.
   */
  public static boolean isServiceName(String name) {
    return KubernetesNames.dns1035Label(name, KubernetesNames.LABEL_MAX).isEmpty();
  }

  /** {@code "value"}, as messages quote what the description holds. */
  public static String quote(String value) {
    return "\"" + value + "\"";
  }

  /**
   * A name like {@code name} that would pass, for a fix's example; {@code orders} when nothing of
   * it would, or when a message may not quote it ({@link #quotable}).
   */
  public static String safeExample(String name) {
    if (!quotable(name)) {
      return "orders"; // its letters, lower-cased, would still show a credential
    }
    String example =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^[^a-z]+|-+$", "");
    return example.isEmpty() ? "orders" : example.substring(0, Math.min(example.length(), 40));
  }
}
