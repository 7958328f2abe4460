package dev.kit.validate;

import java.util.Objects;

/**
 * One thing wrong with a description: where, what, and how to fix it. Prints as {@code
 * services[orders].database.storage.size: "10GB" is not a Kubernetes quantity (try "10Gi")}.
 *
 * @param path where in the description, such as {@code services[orders].database.instances}
 * @param problem what is wrong with the value found there
 * @param fix what to change
 */
public record Violation(String path, String problem, String fix) {

  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  @Override
  public String toString() {
    return path + ": " + problem + " (" + fix + ")";
  }
}
