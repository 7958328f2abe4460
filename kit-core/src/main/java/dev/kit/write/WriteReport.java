package dev.kit.write;

import java.util.List;

/**
 * What one generation did to the disk, as repository-relative paths.
 *
 * @param created files that did not exist
 * @param updated generated files whose bytes changed
 * @param deleted generated files the plan no longer contains
 * @param unchanged files already as planned, which were not touched
 * @param warnings what the plan warned about, such as a deprecated option
 * @param skippedServices services not rendered because the generation cache showed their files as
 *     last written; their files are among {@code unchanged}
 */
public record WriteReport(
    List<String> created,
    List<String> updated,
    List<String> deleted,
    List<String> unchanged,
    List<String> warnings,
    List<String> skippedServices) {

  /** A report of a generation that rendered every service. */
  public WriteReport(
      List<String> created,
      List<String> updated,
      List<String> deleted,
      List<String> unchanged,
      List<String> warnings) {
    this(created, updated, deleted, unchanged, warnings, List.of());
  }

  public WriteReport {
    created = List.copyOf(created);
    updated = List.copyOf(updated);
    deleted = List.copyOf(deleted);
    unchanged = List.copyOf(unchanged);
    warnings = List.copyOf(warnings);
    skippedServices = List.copyOf(skippedServices);
  }

  /** The number of files written or deleted. */
  public int changedCount() {
    return created.size() + updated.size() + deleted.size();
  }

  @Override
  public String toString() {
    return created.size()
        + " created, "
        + updated.size()
        + " updated, "
        + deleted.size()
        + " deleted, "
        + unchanged.size()
        + " unchanged";
  }
}
