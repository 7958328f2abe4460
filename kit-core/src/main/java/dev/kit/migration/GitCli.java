package dev.kit.migration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code git} executable, run in one work tree. kit asks git only read-only plumbing questions
 * ({@code rev-parse}, {@code symbolic-ref}, {@code config --get}, {@code ls-tree}, {@code
 * hash-object} without {@code -w}); the executable already knows the user's configuration,
 * attributes, worktrees, shallow clones and credentials, so no Git library is needed.
 */
final class GitCli {

  /**
   * What one command printed.
   *
   * @param exitCode the exit code, or -1 when git could not be started
   * @param stdout standard output, raw
   * @param stderr standard error, as text
   */
  @SuppressWarnings("ArrayRecordComponent") // a command's output, read once and never compared
  record Result(int exitCode, byte[] stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }

    String text() {
      return new String(stdout, StandardCharsets.UTF_8).strip();
    }
  }

  private final Path workTree;

  GitCli(Path workTree) {
    this.workTree = workTree;
  }

  Result run(String... args) {
    return run(new byte[0], args);
  }

  /** Runs git with {@code input} on its standard input. */
  Result run(byte[] input, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", workTree.toString()));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      return new Result(-1, new byte[0], "cannot start git: " + e.getMessage());
    }
    try {
      // Input is written on its own thread: git may fill its output pipe before it reads all of it.
      Thread stdin = new Thread(() -> write(input, process.getOutputStream()), "git-stdin");
      stdin.start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread stderr = new Thread(() -> copy(process.getErrorStream(), err), "git-stderr");
      stderr.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, out, "git " + String.join(" ", args) + " did not finish in 60 s");
      }
      stdin.join();
      stderr.join();
      return new Result(process.exitValue(), out, err.toString(StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("git " + String.join(" ", args) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(-1, new byte[0], "interrupted");
    }
  }

  private static void write(byte[] input, OutputStream stdin) {
    try (stdin) {
      stdin.write(input);
    } catch (IOException ignored) {
      // git exited without reading all of it; its exit code and stderr say why
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // stderr is only for messages; losing part of it loses nothing else
    }
  }
}
