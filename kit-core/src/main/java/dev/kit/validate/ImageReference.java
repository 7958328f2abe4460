package dev.kit.validate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, parsed by the grammar of the distribution reference ({@code
 * [registry/]repository[:tag][@digest]}).
 */
record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?<name>(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?"
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*)"
              + "(?::(?<tag>[\\w][\\w.-]{0,127}))?"
              + "(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");

  static Optional<ImageReference> parse(String reference) {
    Matcher m = REFERENCE.matcher(reference);
    if (reference.length() > 255 || !m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new ImageReference(
            m.group("name"),
            Optional.ofNullable(m.group("tag")),
            Optional.ofNullable(m.group("digest"))));
  }

  /** Pinned: a digest, or a tag other than {@code latest}. */
  boolean isPinned() {
    return digest.isPresent() || tag.filter(t -> !t.equals("latest")).isPresent();
  }
}
