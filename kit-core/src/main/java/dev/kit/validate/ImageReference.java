package dev.kit.validate;

import static dev.kit.validate.KubernetesNames.isAsciiLetterOrDigit;
import static dev.kit.validate.KubernetesNames.isDigit;
import static dev.kit.validate.KubernetesNames.isLowerAlphanumeric;

import java.util.Locale;
import java.util.Optional;

/**
 * A container image reference, parsed by the grammar of the distribution reference ({@code
 * [registry/]repository[:tag][@digest]}).
 *
 * <p>Parsed by hand, not with the grammar's regular expression: every service has two or three
 * images, and in a cold JVM that expression (with its backtracking between a registry's port and a
 * tag) was the costliest of validation's (PROFILE.md, section 14). The grammar splits without
 * ambiguity: the digest follows the only {@code @}; a tag follows the last {@code :} when no {@code
 * /} comes after it (a registry's port always does); the first path part is a registry when it
 * reads as one, else a repository component. {@code ImageReferenceTest} compares this with the
 * regular expression on every short reference over the grammar's characters. As distribution's
 * parser does, it limits the name, not the whole reference, to 255 characters, and takes only the
 * digests go-digest verifies.
 */
record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

  /** The longest name (registry and repository, without tag or digest) distribution takes. */
  private static final int NAME_MAX = 255;

  private static final int TAG_MAX = 128;

  private static final String NOT = "is not an image reference";

  /**
   * Where a reference's parts end: the digest follows the only {@code @} ({@code at}, or -1); a tag
   * follows the last {@code :} before it when no {@code /} comes after it ({@code colon}, or -1).
   */
  private record Bounds(int at, int nameAndTagEnd, int colon, int nameEnd) {

    static Bounds of(String reference) {
      int at = reference.indexOf('@');
      int nameAndTagEnd = at < 0 ? reference.length() : at;
      int colon = reference.lastIndexOf(':', nameAndTagEnd - 1);
      boolean tagged = colon > reference.lastIndexOf('/', nameAndTagEnd - 1);
      return new Bounds(at, nameAndTagEnd, tagged ? colon : -1, tagged ? colon : nameAndTagEnd);
    }
  }

  static Optional<ImageReference> parse(String reference) {
    Bounds bounds = Bounds.of(reference);
    if (firstProblem(reference, bounds).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        new ImageReference(
            reference.substring(0, bounds.nameEnd()),
            bounds.colon() < 0
                ? Optional.empty()
                : Optional.of(reference.substring(bounds.colon() + 1, bounds.nameAndTagEnd())),
            bounds.at() < 0
                ? Optional.empty()
                : Optional.of(reference.substring(bounds.at() + 1))));
  }

  /**
   * Why {@link #parse} refuses {@code reference}, after {@code is}: which part is wrong where that
   * is cheap to tell, for a violation's message. Called only for a refused reference.
   */
  static String problem(String reference) {
    return firstProblem(reference, Bounds.of(reference)).orElse(NOT);
  }

  /**
   * The first part of {@code reference} the grammar refuses, or empty when it is a reference. A
   * reference with {@code ://} is never one (a ':' comes before a port's digits, a tag or a
   * digest's hex, never '/'), so saying so first changes no answer of parse's.
   */
  private static Optional<String> firstProblem(String reference, Bounds bounds) {
    if (bounds.at() >= 0 && !isDigest(reference, bounds.at() + 1)) {
      return Optional.of(
          NOT
              + ": its digest is not sha256, sha384 or sha512 with 64, 96 or 128 lowercase hex"
              + " digits");
    }
    if (reference.contains("://")) {
      return Optional.of(NOT + ": it names a scheme, which an image reference has none of");
    }
    if (bounds.colon() >= 0 && !isTag(reference, bounds.colon() + 1, bounds.nameAndTagEnd())) {
      return Optional.of(
          NOT
              + ": its tag is not 1 to 128 letters, digits, '_', '.' and '-' that start with no"
              + " '.' or '-'");
    }
    int nameEnd = bounds.nameEnd();
    if (nameEnd > NAME_MAX) {
      return Optional.of(NOT + ": its name is " + nameEnd + " characters, more than " + NAME_MAX);
    }
    if (!isName(reference, nameEnd)) {
      String name = reference.substring(0, nameEnd);
      String lower = name.toLowerCase(Locale.ROOT);
      return Optional.of(
          !name.equals(lower) && isName(lower, nameEnd)
              ? NOT + ": its repository has an upper-case letter, and must be lower-case"
              : NOT);
    }
    return Optional.empty();
  }

  /** Pinned: a digest, or a tag other than {@code latest}. */
  boolean isPinned() {
    return digest.isPresent() || (tag.isPresent() && !tag.get().equals("latest"));
  }

  /**
   * Whether {@code s[0, end)} is {@code [registry/]component(/component)*}: the first part may be a
   * registry only when another part follows it.
   */
  private static boolean isName(String s, int end) {
    int slash = s.indexOf('/');
    int firstEnd = slash < 0 || slash >= end ? end : slash;
    if (!isComponent(s, 0, firstEnd) && !(firstEnd < end && isRegistry(s, 0, firstEnd))) {
      return false;
    }
    int from = firstEnd + 1;
    while (from <= end) {
      int next = s.indexOf('/', from);
      int partEnd = next < 0 || next >= end ? end : next;
      if (!isComponent(s, from, partEnd)) {
        return false;
      }
      from = partEnd + 1;
    }
    return true;
  }

  /**
   * Whether {@code s[from, to)} is a path component, {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*}:
   * lower-case letters and digits, separated by one '.', one or two '_', or any number of '-'.
   */
  private static boolean isComponent(String s, int from, int to) {
    int at = from;
    while (true) {
      int run = at;
      while (at < to && isLowerAlphanumeric(s.charAt(at))) {
        at++;
      }
      if (at == run) {
        return false; // empty, or two separators in a row the grammar does not allow
      }
      if (at == to) {
        return true;
      }
      char separator = s.charAt(at);
      if (separator == '.') {
        at++;
      } else if (separator == '_') {
        at += at + 1 < to && s.charAt(at + 1) == '_' ? 2 : 1;
      } else if (separator == '-') {
        while (at < to && s.charAt(at) == '-') {
          at++;
        }
      } else {
        return false;
      }
    }
  }

  /**
   * Whether {@code s[from, to)} is a registry: host labels ({@code [a-zA-Z0-9]} with inner '-')
   * joined by '.', then an optional {@code :port}.
   */
  private static boolean isRegistry(String s, int from, int to) {
    int colon = s.indexOf(':', from);
    int hostEnd = colon < 0 || colon >= to ? to : colon;
    if (hostEnd < to && !isDigits(s, hostEnd + 1, to)) {
      return false;
    }
    int label = from;
    for (int at = from; at <= hostEnd; at++) {
      if (at == hostEnd || s.charAt(at) == '.') {
        if (!isHostLabel(s, label, at)) {
          return false;
        }
        label = at + 1;
      }
    }
    return true;
  }

  private static boolean isHostLabel(String s, int from, int to) {
    if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int at = from; at < to; at++) {
      char c = s.charAt(at);
      if (!isAsciiLetterOrDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s[from, to)} is a tag, {@code \w[\w.-]{0,127}}. */
  private static boolean isTag(String s, int from, int to) {
    if (from >= to || to - from > TAG_MAX || !isWordCharacter(s.charAt(from))) {
      return false;
    }
    for (int at = from + 1; at < to; at++) {
      char c = s.charAt(at);
      if (!isWordCharacter(c) && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code s} from {@code from} on is a digest the runtimes accept: the grammar allows any
   * algorithm and 32 or more hex digits of either case, but go-digest, which containerd and
   * distribution verify it with, knows only sha256, sha384 and sha512, each with exactly its length
   * in lower-case hex.
   */
  private static boolean isDigest(String s, int from) {
    int colon = s.indexOf(':', from);
    if (colon < 0) {
      return false;
    }
    int hexLength =
        switch (s.substring(from, colon)) {
          case "sha256" -> 64;
          case "sha384" -> 96;
          case "sha512" -> 128;
          default -> -1;
        };
    if (s.length() - (colon + 1) != hexLength) {
      return false;
    }
    for (int at = colon + 1; at < s.length(); at++) {
      if (!isLowerHexDigit(s.charAt(at))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int at = from; at < to; at++) {
      if (!isDigit(s.charAt(at))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f');
  }

  private static boolean isWordCharacter(char c) {
    return isAsciiLetterOrDigit(c) || c == '_';
  }
}
