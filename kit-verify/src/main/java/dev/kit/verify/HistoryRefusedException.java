package dev.kit.verify;

/**
 * The history up to a migration to revert does not apply on PostgreSQL: a migration file is at
 * fault, not the version named, so the fix is to mend that file first.
 */
final class HistoryRefusedException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  HistoryRefusedException(String message) {
    super(message);
  }
}
