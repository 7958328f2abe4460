package dev.kit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyOptionsTest {

  @Test
  void userCache_isUnderXdgCacheHome_whenItIsAnAbsolutePath() {
    assertThat(VerifyOptions.userCache(Map.of("XDG_CACHE_HOME", "/var/cache/alice"), "/home/alice"))
        .isEqualTo(Path.of("/var/cache/alice", "kit"));
  }

  @Test
  void userCache_isUnderHomeDotCache_whenXdgCacheHomeIsUnsetEmptyOrRelative() {
    Path expected = Path.of("/home/alice", ".cache", "kit");
    assertThat(VerifyOptions.userCache(Map.of(), "/home/alice")).isEqualTo(expected);
    assertThat(VerifyOptions.userCache(Map.of("XDG_CACHE_HOME", ""), "/home/alice"))
        .isEqualTo(expected);
    assertThat(VerifyOptions.userCache(Map.of("XDG_CACHE_HOME", "cache"), "/home/alice"))
        .isEqualTo(expected);
  }

  @Test
  void of_keepsBinariesAndServersInTheUserCache_notInTheSharedTemporaryFolder() {
    VerifyOptions options = VerifyOptions.of(PostgresBinaries.inDirectory(Path.of("jars")));
    Path cache = VerifyOptions.userCache(System.getenv(), System.getProperty("user.home"));

    assertThat(options.binariesCache()).isEqualTo(cache.resolve("postgres"));
    assertThat(options.workDirectory()).isEqualTo(cache.resolve("verify"));
    assertThat(options.withBinariesCache(Path.of("target/pg")).binariesCache())
        .isEqualTo(Path.of("target/pg"));
  }
}
