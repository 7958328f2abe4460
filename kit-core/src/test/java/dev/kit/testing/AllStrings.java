package dev.kit.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Every string over an alphabet up to a length: the inputs on which a hand scan is compared with
 * the regular expression it replaced.
 */
public final class AllStrings {

  private AllStrings() {}

  /** Every string of 0 to {@code maxLength} characters of {@code alphabet}, shortest first. */
  public static List<String> upTo(String alphabet, int maxLength) {
    List<String> all = new ArrayList<>(List.of(""));
    List<String> previous = List.of("");
    for (int length = 1; length <= maxLength; length++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (int i = 0; i < alphabet.length(); i++) {
          next.add(prefix + alphabet.charAt(i));
        }
      }
      all.addAll(next);
      previous = next;
    }
    return all;
  }
}
