package dev.kit;

import dev.kit.plan.FilePlan;
import dev.kit.plan.RepositoryLinkException;
import dev.kit.plan.RepositoryRoot;
import dev.kit.render.DatabaseProvider;
import dev.kit.render.DatabaseProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the database providers say about planned files that replace different ones on the disk or at
 * a base revision ({@link DatabaseProvider#changeWarnings}), such as a module change that destroys
 * a branch, and the platform files applied by hand that change ({@link HandAppliedFiles}). It
 * depends on what is compared with, so it is never kept in the generation cache with the render's
 * warnings.
 */
final class ChangeWarnings {

  private ChangeWarnings() {}

  /** What reviews a planned file that replaces a different one. */
  private interface Reviewer {

    /** Whether it may have something to say about {@code path}, so the file is read to compare. */
    boolean reviews(String path);

    /** What replacing {@code before} with {@code after} at {@code path} does beyond the file. */
    List<String> warnings(String path, byte[] before, byte[] after);
  }

  /** A database provider's review ({@link DatabaseProvider#changeWarnings}). */
  private record ProviderReview(DatabaseProvider provider) implements Reviewer {
    @Override
    public boolean reviews(String path) {
      return provider.reviewsChange(path);
    }

    @Override
    public List<String> warnings(String path, byte[] before, byte[] after) {
      return provider.changeWarnings(path, before, after);
    }
  }

  /** The review of the platform files applied by hand ({@link HandAppliedFiles}). */
  private static final class HandAppliedReview implements Reviewer {
    @Override
    public boolean reviews(String path) {
      return HandAppliedFiles.reviews(path);
    }

    @Override
    public List<String> warnings(String path, byte[] before, byte[] after) {
      return HandAppliedFiles.warnings(path, before, after);
    }
  }

  /** Every reviewer: the hand-applied files, then the providers in their order. */
  private static List<Reviewer> reviewers() {
    List<Reviewer> reviewers = new ArrayList<>();
    reviewers.add(new HandAppliedReview());
    for (DatabaseProvider provider : DatabaseProviders.all()) {
      reviewers.add(new ProviderReview(provider));
    }
    return reviewers;
  }

  /** The paths of {@code plan} some reviewer reviews, in the plan's order. */
  static List<String> reviewed(FilePlan plan) {
    List<Reviewer> reviewers = reviewers();
    List<String> reviewed = new ArrayList<>();
    for (String path : plan.paths()) {
      for (Reviewer reviewer : reviewers) {
        if (reviewer.reviews(path)) {
          reviewed.add(path);
          break;
        }
      }
    }
    return reviewed;
  }

  /**
   * The warnings for {@code paths} of {@code plan} against the disk, in their order and the
   * reviewers' order; a path no reviewer reviews is not read.
   */
  static List<String> of(RepositoryRoot repository, FilePlan plan, List<String> paths) {
    return of(plan, paths, path -> committed(repository, repository.path().resolve(path)));
  }

  /**
   * The warnings for {@code paths} of {@code plan} against the bytes {@code before} gives for a
   * path (null: nothing to compare), asked once, only for a path some reviewer reviews.
   */
  static List<String> of(
      FilePlan plan, List<String> paths, Function<String, byte @Nullable []> before) {
    List<Reviewer> reviewers = reviewers();
    List<String> warnings = new ArrayList<>();
    for (String path : paths) {
      byte[] was = null;
      boolean read = false;
      for (Reviewer reviewer : reviewers) {
        if (!reviewer.reviews(path)) {
          continue;
        }
        if (!read) {
          was = before.apply(path);
          read = true;
        }
        byte[] after = plan.content(path);
        if (was != null && after != null && !plan.matches(path, was)) {
          warnings.addAll(reviewer.warnings(path, was, after));
        }
      }
    }
    return warnings;
  }

  /**
   * The file's bytes, or null when it is not a regular file inside the repository that can be read
   * (a link on its way leads out): then there is nothing to compare, and the write says what is in
   * the way.
   */
  private static byte @Nullable [] committed(RepositoryRoot repository, Path file) {
    try {
      repository.checkRead(file);
    } catch (RepositoryLinkException e) {
      return null;
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }
}
