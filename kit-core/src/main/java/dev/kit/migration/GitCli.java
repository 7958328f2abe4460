package dev.kit.migration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The {@code git} executable, run in one work tree. kit asks git only read-only plumbing questions
 * ({@code rev-parse}, {@code symbolic-ref}, {@code config --get}, {@code ls-tree}, {@code
 * hash-object} without {@code -w}, {@code cat-file}); the executable already knows the user's
 * configuration, attributes, worktrees, shallow clones and credentials, so no Git library is
 * needed.
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

  /** How long one question may take: git answers these in milliseconds. */
  private final Duration timeout;

  GitCli(Path workTree) {
    this(workTree, Duration.ofSeconds(60));
  }

  GitCli(Path workTree, Duration timeout) {
    this.workTree = workTree;
    this.timeout = timeout;
  }

  Result run(String... args) {
    return run(new byte[0], args);
  }

  /**
   * The work tree's folder as the work tree names it, {@code ""} at its top or ending in '/': git's
   * own answer, so a link on the way to it (a linked workspace, macOS's /var) does not lead paths
   * astray, where relativizing against {@code --show-toplevel}'s real path would; the failed
   * command when it is not in a work tree.
   */
  Result prefix() {
    return run("rev-parse", "--show-prefix");
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
      // Each stream has its own thread: git may fill one pipe before it reads all of its input, and
      // the wait below must time out even while a clean filter keeps git's output open.
      @Nullable Thread stdin = null;
      if (input.length == 0) {
        process.getOutputStream().close(); // most questions have no input: no thread for it
      } else {
        stdin = daemon(() -> write(input, process.getOutputStream()), "git-stdin");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AtomicReference<@Nullable IOException> outFailure = new AtomicReference<>();
      Thread stdout =
          daemon(
              () -> {
                try {
                  process.getInputStream().transferTo(out);
                } catch (IOException e) {
                  outFailure.set(e);
                }
              },
              "git-stdout");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread stderr = daemon(() -> copy(process.getErrorStream(), err), "git-stderr");
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        // A process git started (a clean filter) may still hold a pipe: wait for the readers a
        // little, never for good; they are daemons.
        stdout.join(1_000);
        stderr.join(1_000);
        return new Result(
            -1,
            new byte[0],
            "git "
                + String.join(" ", args)
                + " did not finish in "
                + timeout.toSeconds()
                + " s (a clean filter or a lock in this repository?)");
      }
      if (stdin != null) {
        stdin.join();
      }
      stdout.join();
      stderr.join();
      IOException failed = outFailure.get();
      if (failed != null) {
        throw failed;
      }
      return new Result(
          process.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("git " + String.join(" ", args) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(-1, new byte[0], "interrupted");
    }
  }

  private static Thread daemon(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
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
