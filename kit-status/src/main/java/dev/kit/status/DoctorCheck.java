package dev.kit.status;

import java.util.List;
import java.util.Objects;

/**
 * One finding of {@code kit:doctor}: something the generated tree needs from the cluster, and
 * whether it is there.
 *
 * @param passed whether the cluster has it
 * @param text what was checked and found, such as {@code StorageClass "standard" does not exist}
 * @param services the services it affects (empty for the platform as a whole)
 * @param fix what to do, when it failed
 */
public record DoctorCheck(boolean passed, String text, List<String> services, String fix) {

  public DoctorCheck {
    Objects.requireNonNull(text, "text");
    services = List.copyOf(services);
    Objects.requireNonNull(fix, "fix");
  }

  static DoctorCheck pass(String text) {
    return new DoctorCheck(true, text, List.of(), "");
  }

  static DoctorCheck fail(String text, List<String> services, String fix) {
    return new DoctorCheck(false, text, services, fix);
  }

  /** {@code ✓ text}, or {@code ✗ text (services): fix}. */
  public String line() {
    if (passed) {
      return "✓ " + text;
    }
    return "✗ "
        + text
        + (services.isEmpty() ? "" : " (" + String.join(", ", services) + ")")
        + (fix.isEmpty() ? "" : ": " + fix);
  }
}
