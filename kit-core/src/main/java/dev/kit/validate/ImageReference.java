package dev.kit.validate;

import static dev.kit.validate.KubernetesNames.isAsciiLetter;
import static dev.kit.validate.KubernetesNames.isAsciiLetterOrDigit;
import static dev.kit.validate.KubernetesNames.isDigit;
import static dev.kit.validate.KubernetesNames.isLowerAlphanumeric;

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
 * regular expression on every short reference over the grammar's characters.
 */
record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

  private static final int MAX_LENGTH = 255;
  private static final int TAG_MAX = 128;
  private static final int DIGEST_HEX_MIN = 32;

  static Optional<ImageReference> parse(String reference) {
    if (reference.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int at = reference.indexOf('@');
    int nameAndTagEnd = at < 0 ? reference.length() : at;
    if (at >= 0 && !isDigest(reference, at + 1)) {
      return Optional.empty();
    }
    int colon = reference.lastIndexOf(':', nameAndTagEnd - 1);
    boolean tagged = colon > reference.lastIndexOf('/', nameAndTagEnd - 1);
    int nameEnd = tagged ? colon : nameAndTagEnd;
    if (tagged && !isTag(reference, colon + 1, nameAndTagEnd)) {
      return Optional.empty();
    }
    if (!isName(reference, nameEnd)) {
      return Optional.empty();
    }
    return Optional.of(
        new ImageReference(
            reference.substring(0, nameEnd),
            tagged ? Optional.of(reference.substring(colon + 1, nameAndTagEnd)) : Optional.empty(),
            at < 0 ? Optional.empty() : Optional.of(reference.substring(at + 1))));
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
   * Whether {@code s} from {@code from} on is a digest: an algorithm ({@code [A-Za-z][A-Za-z0-9]*},
   * parts joined by one of {@code -_+.}), ':', at least 32 hex digits.
   */
  private static boolean isDigest(String s, int from) {
    int colon = s.indexOf(':', from);
    if (colon < 0 || s.length() - (colon + 1) < DIGEST_HEX_MIN) {
      return false;
    }
    for (int at = colon + 1; at < s.length(); at++) {
      if (!isHexDigit(s.charAt(at))) {
        return false;
      }
    }
    boolean partStart = true;
    for (int at = from; at < colon; at++) {
      char c = s.charAt(at);
      if (partStart ? !isAsciiLetter(c) : !isAsciiLetterOrDigit(c) && "-_+.".indexOf(c) < 0) {
        return false;
      }
      partStart = !isAsciiLetterOrDigit(c);
    }
    return !partStart;
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

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isWordCharacter(char c) {
    return isAsciiLetterOrDigit(c) || c == '_';
  }
}
