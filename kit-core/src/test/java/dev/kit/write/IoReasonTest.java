package dev.kit.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class IoReasonTest {

  @Test
  void of_namesTheReason_whenTheExceptionGivesOnlyAPath() {
    assertThat(IoReason.of(new java.nio.file.AccessDeniedException("/r/services/a")))
        .isEqualTo("/r/services/a: permission denied");
    assertThat(
            IoReason.of(
                new java.nio.file.FileSystemException("/r/x", null, "Read-only file system")))
        .isEqualTo("/r/x: Read-only file system");
    assertThat(IoReason.of(new java.nio.file.NotDirectoryException("/r/x")))
        .isEqualTo("/r/x: NotDirectoryException");
    assertThat(IoReason.of(new IOException("Input/output error"))).isEqualTo("Input/output error");
  }
}
