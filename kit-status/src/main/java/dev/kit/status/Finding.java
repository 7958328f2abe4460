package dev.kit.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code kit:status} says about one object kit generated (or the team's own app): its health,
 * a short text for the table ({@code 3/3 ready, primary orders-cluster-1}), and for anything not
 * healthy, what to do.
 *
 * @param column where the table shows it
 * @param object the object, such as {@code Cluster orders-cluster}
 * @param health how it stands
 * @param text what the table shows; empty when there is nothing worth a word (a ConfigMap that
 *     exists)
 * @param fix what to do about it; empty when healthy
 * @param facts the values read from the cluster, for machines ({@code readyInstances: 3}, or a list
 *     such as {@code finalizers}), in reading order
 */
public record Finding(
    Column column,
    String object,
    Health health,
    String text,
    String fix,
    Map<String, Object> facts) {

  public Finding {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(fix, "fix");
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }
}
