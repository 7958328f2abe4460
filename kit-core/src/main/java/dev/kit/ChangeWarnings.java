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

  /** The paths of {@code plan} some provider reviews, in the plan's order. */
  static List<String> reviewed(FilePlan plan) {
    List<String> reviewed = new ArrayList<>();
    for (String path : plan.paths()) {
      if (HandAppliedFiles.reviews(path)) {
        reviewed.add(path);
        continue;
      }
      for (DatabaseProvider provider : DatabaseProviders.all()) {
        if (provider.reviewsChange(path)) {
          reviewed.add(path);
          break;
        }
      }
    }
    return reviewed;
  }

  /**
   * The warnings for {@code paths} of {@code plan} against the disk, in their order and the
   * providers' order; a path no provider reviews is not read.
   */
  static List<String> of(RepositoryRoot repository, FilePlan plan, List<String> paths) {
    return of(plan, paths, path -> committed(repository, repository.path().resolve(path)));
  }

  /**
   * The warnings for {@code paths} of {@code plan} against the bytes {@code before} gives for a
   * path (null: nothing to compare), asked only for a path some provider reviews.
   */
  static List<String> of(
      FilePlan plan, List<String> paths, Function<String, byte @Nullable []> before) {
    List<String> warnings = new ArrayList<>();
    for (String path : paths) {
      if (HandAppliedFiles.reviews(path)) {
        byte[] was = before.apply(path);
        byte[] after = plan.content(path);
        if (was != null && after != null && !plan.matches(path, was)) {
          warnings.addAll(HandAppliedFiles.warnings(path, was, after));
        }
        continue;
      }
      for (DatabaseProvider provider : DatabaseProviders.all()) {
        if (!provider.reviewsChange(path)) {
          continue;
        }
        byte[] was = before.apply(path);
        byte[] after = plan.content(path);
        if (was != null && after != null && !plan.matches(path, was)) {
          warnings.addAll(provider.changeWarnings(path, was, after));
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
