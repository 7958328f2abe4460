package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
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
  void parse_returnsEmpty_whenReferenceIsLongerThan255() {
    String repository = "r".repeat(250);

    assertThat(ImageReference.parse(repository + ":1234")).isPresent();
    assertThat(ImageReference.parse(repository + ":12345")).isEmpty();
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
}
