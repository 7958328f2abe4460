package dev.kit.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Times as the status shows them, relative to an injected clock so a test's output is the same on
 * every run: {@code 02:00 (6h ago)} today, {@code 2025-02-27 02:00 (3d ago)} before, in the clock's
 * time zone.
 */
final class Moments {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final Clock clock;

  Moments(Clock clock) {
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /**
   * An RFC 3339 time as Kubernetes and its operators write it, or empty when absent or unreadable.
   */
  static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code 02:00 (6h ago)}, or with the date when it was not today. */
  String at(Instant instant) {
    ZonedDateTime then = instant.atZone(clock.getZone());
    boolean today = then.toLocalDate().equals(LocalDate.now(clock));
    return (today ? TIME : DAY_AND_TIME).format(then) + " (" + ago(instant) + ")";
  }

  /**
   * {@code 6h ago}, {@code 12m ago}, {@code 3d ago}; {@code just now} under a minute (or in the
   * clock's future).
   */
  String ago(Instant instant) {
    Duration age = Duration.between(instant, clock.instant());
    if (age.toMinutes() < 1) {
      return "just now";
    }
    if (age.toHours() < 1) {
      return age.toMinutes() + "m ago";
    }
    if (age.toDays() < 2) {
      return age.toHours() + "h ago";
    }
    return age.toDays() + "d ago";
  }
}
