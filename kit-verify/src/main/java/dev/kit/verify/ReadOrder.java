package dev.kit.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders catalog objects by what they read, the oids in their {@code reads} detail (the views a
 * view selects from, the types a type is made of), so that a revert drops and re-creates them in a
 * valid order.
 */
final class ReadOrder {

  private ReadOrder() {}

  /**
   * {@code views} and the views of {@code candidates} that read one of them, directly or through
   * another.
   */
  static List<CatalogObject> withReaders(
      List<CatalogObject> views, List<CatalogObject> candidates) {
    Map<String, CatalogObject> all = new LinkedHashMap<>();
    views.forEach(v -> all.put(v.identity(), v));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (CatalogObject candidate : candidates) {
        if (!all.containsKey(candidate.identity())
            && reads(candidate).stream().anyMatch(all::containsKey)) {
          all.put(candidate.identity(), candidate);
          grew = true;
        }
      }
    }
    return List.copyOf(all.values());
  }

  /**
   * {@code objects} in an order where each comes after the objects of the list it reads, by oid
   * where none reads another: the order to create them in, reversed the order to drop them in.
   */
  static List<CatalogObject> readFirst(List<CatalogObject> objects) {
    List<CatalogObject> left =
        new ArrayList<>(
            objects.stream()
                .sorted(Comparator.comparingLong((CatalogObject o) -> Long.parseLong(o.identity())))
                .toList());
    List<CatalogObject> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    Set<String> listed = new HashSet<>();
    left.forEach(v -> listed.add(v.identity()));
    while (!left.isEmpty()) {
      CatalogObject next =
          left.stream()
              .filter(
                  v -> reads(v).stream().allMatch(r -> placed.contains(r) || !listed.contains(r)))
              .findFirst()
              .orElse(left.get(0)); // a cycle cannot happen; keep going rather than loop
      left.remove(next);
      placed.add(next.identity());
      ordered.add(next);
    }
    return ordered;
  }

  /** The oids of the objects {@code object} reads. */
  private static List<String> reads(CatalogObject object) {
    String reads = object.detail("reads");
    return reads.isEmpty() ? List.of() : List.of(reads.split(","));
  }
}
