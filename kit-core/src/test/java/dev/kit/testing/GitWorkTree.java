package dev.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Git work tree for tests that compare with a base revision, as kit:check does. */
public record GitWorkTree(Path path) {

  /** Runs {@code git -C <path> args} as a fixed author, and fails the test when it fails. */
  public void git(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                path.toString(),
                "-c",
                "user.name=kit",
                "-c",
                "user.email=kit@example.invalid"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("git %s: %s", List.of(args), output).isZero();
  }

  /** A new repository on branch {@code main} whose first commit holds the whole tree. */
  public void commitAllOnMain() throws IOException, InterruptedException {
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "base");
  }
}
