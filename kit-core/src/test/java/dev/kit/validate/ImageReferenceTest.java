package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.AllStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void parse_readsRepositoryAndTag_whenImageHasATag() {
    assertThat(ImageReference.parse("arigaio/atlas:1.2.3"))
        .contains(new ImageReference("arigaio/atlas", Optional.of("1.2.3"), Optional.empty()));
  }

  @Test
  void parse_keepsRegistryInRepository_whenImageNamesARegistry() {
    assertThat(ImageReference.parse("ghcr.io/cloudnative-pg/postgresql:17.10-system-trixie"))
        .contains(
            new ImageReference(
                "ghcr.io/cloudnative-pg/postgresql",
                Optional.of("17.10-system-trixie"),
                Optional.empty()));
  }

  @Test
  void parse_readsPortAsPartOfRegistry_whenRegistryHasAPort() {
    assertThat(ImageReference.parse("localhost:5000/x/y:1"))
        .contains(new ImageReference("localhost:5000/x/y", Optional.of("1"), Optional.empty()));
  }

  @Test
  void parse_readsDigest_whenImageIsPinnedByDigest() {
    assertThat(ImageReference.parse("x@" + DIGEST))
        .contains(new ImageReference("x", Optional.empty(), Optional.of(DIGEST)));
  }

  @Test
  void parse_readsTagAndDigest_whenImageHasBoth() {
    assertThat(ImageReference.parse("arigaio/atlas:1.2.3@" + DIGEST))
        .contains(new ImageReference("arigaio/atlas", Optional.of("1.2.3"), Optional.of(DIGEST)));
  }

  @Test
  void parse_readsNoTag_whenImageIsARepositoryOnly() {
    assertThat(ImageReference.parse("arigaio/atlas"))
        .contains(new ImageReference("arigaio/atlas", Optional.empty(), Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "upper/Case:1",
        "UPPER:1",
        "a b",
        "x:",
        "",
        ":1",
        "x:-1",
        "x:.1",
        "x@sha256:abc",
        "x@" + "sha256:" + "0123456789abcdeg" + "0123456789abcdef",
        "x@sha256:0123456789abcdef0123456789abcdef",
        "x@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
        "x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
        "x@md5:0123456789abcdef0123456789abcdef",
        "x@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "/x:1",
        "x/:1",
        "x//y:1",
        "x-:1",
        "-x:1",
        "https://ghcr.io/x:1"
      })
  void parse_returnsEmpty_whenValueIsNotAReference(String value) {
    assertThat(ImageReference.parse(value)).isEmpty();
  }

  @Test
  void parse_returnsEmpty_whenTagIsLongerThan128() {
    assertThat(ImageReference.parse("x:" + "t".repeat(128))).isPresent();
    assertThat(ImageReference.parse("x:" + "t".repeat(129))).isEmpty();
  }

  @Test
  void parse_limitsTheNameTo255_notTheWholeReference() {
    assertThat(ImageReference.parse("r".repeat(255) + ":" + "t".repeat(128) + "@" + DIGEST))
        .isPresent();
    assertThat(ImageReference.parse("r".repeat(256) + ":1")).isEmpty();
  }

  @Test
  void parse_readsEachDigestGoDigestKnows_withItsLength() {
    for (String digest :
        List.of(
            DIGEST,
            "sha384:" + "0123456789abcdef".repeat(6),
            "sha512:" + "0123456789abcdef".repeat(8))) {
      assertThat(ImageReference.parse("x@" + digest)).get().isNotNull();
    }
  }

  @Test
  void problem_namesThePartThatIsWrong_whenParseRefusesAReference() {
    assertThat(ImageReference.problem("ghcr.io/Acme/orders:1"))
        .isEqualTo(
            "is not an image reference: its repository has an upper-case letter, and must be lower-case");
    assertThat(ImageReference.problem("x:-1")).startsWith("is not an image reference: its tag");
    assertThat(ImageReference.problem("x@sha256:abc"))
        .startsWith("is not an image reference: its digest");
    assertThat(ImageReference.problem("r".repeat(256) + ":1"))
        .isEqualTo("is not an image reference: its name is 256 characters, more than 255");
    assertThat(ImageReference.problem("https://ghcr.io/x:1"))
        .startsWith("is not an image reference: it names a scheme");
    assertThat(ImageReference.problem("a b")).isEqualTo("is not an image reference");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arigaio/atlas:1.2.3",
        "x@" + DIGEST,
        "x:latest@" + DIGEST,
        "x:Latest",
        "x:latest-alpine"
      })
  void isPinned_returnsTrue_whenImageHasAVersionTagOrADigest(String image) {
    assertThat(ImageReference.parse(image))
        .get()
        .extracting(ImageReference::isPinned)
        .isEqualTo(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"arigaio/atlas", "arigaio/atlas:latest", "localhost:5000/x"})
  void isPinned_returnsFalse_whenImageHasNoTagOrTheLatestTag(String image) {
    assertThat(ImageReference.parse(image))
        .get()
        .extracting(ImageReference::isPinned)
        .isEqualTo(false);
  }

  /**
   * The distribution reference grammar as a regular expression, which the parser must agree with.
   */
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?<name>(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?"
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*)"
              + "(?::(?<tag>[\\w][\\w.-]{0,127}))?"
              + "(?:@(?<digest>sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}))?");

  private static Optional<ImageReference> parseByRegex(String reference) {
    Matcher m = REFERENCE.matcher(reference);
    if (!m.matches() || m.group("name").length() > 255) {
      return Optional.empty();
    }
    return Optional.of(
        new ImageReference(
            m.group("name"),
            Optional.ofNullable(m.group("tag")),
            Optional.ofNullable(m.group("digest"))));
  }

  @Test
  void parse_agreesWithTheRegularExpression_forEveryShortReference() {
    String hex = "0123456789abcdef".repeat(4);
    String upperHex = "0123456789ABCDEF".repeat(4);
    List<String> references = new ArrayList<>();
    // Every string of up to 5 characters over the grammar's characters and near misses, of up
    // to 6 over a name's...
    references.addAll(AllStrings.upTo("aA0.-_:/@ \u0663", 5));
    references.addAll(AllStrings.upTo("a0.-_:/", 6));
    // ...and sequences of the grammar's pieces: registries, ports, separators, tags, digests.
    List<String> pieces =
        List.of(
            "a",
            "B",
            "0",
            ".",
            "-",
            "--",
            "_",
            "__",
            "___",
            ":",
            ":5000",
            "/",
            "x.io/",
            "@",
            "@sha256:" + hex,
            "sha256:" + hex,
            "@sha256:" + upperHex,
            "@sha256:" + hex.substring(1),
            "@sha384:" + hex,
            "@sha512:" + hex + hex,
            "@a-b+c.d_e:" + hex,
            "@a:" + hex.substring(1),
            "@1a:" + hex,
            "@a-:" + hex,
            ":" + hex,
            "\u0663");
    List<String> previous = List.of("");
    for (int count = 1; count <= 4; count++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (String piece : pieces) {
          next.add(prefix + piece);
        }
      }
      references.addAll(next);
      previous = next;
    }
    // Lengths at the tag's and the name's limits.
    for (int n = 125; n <= 131; n++) {
      references.add("x:" + "t".repeat(n));
      references.add("x:" + "t".repeat(n) + "@sha256:" + hex);
      references.add("r".repeat(n * 2 - 4) + ":1");
      references.add("r".repeat(n * 2 - 4) + ":" + "t".repeat(n) + "@sha256:" + hex);
    }
    List<String> mismatches = new ArrayList<>();
    for (String reference : references) {
      if (!ImageReference.parse(reference).equals(parseByRegex(reference))) {
        mismatches.add(reference);
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
