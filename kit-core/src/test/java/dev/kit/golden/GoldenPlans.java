package dev.kit.golden;

import dev.kit.plan.FilePlan;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What each golden case plans, for tests elsewhere that must cover every file kit generates. */
public final class GoldenPlans {

  private GoldenPlans() {}

  /** Each case's folder and its plan, in folder order. */
  public static Map<Path, FilePlan> byCaseFolder() {
    Map<Path, FilePlan> plans = new TreeMap<>();
    GoldenCases.CASES
        .keySet()
        .forEach(
            name ->
                plans.put(GoldenFilesTest.goldenRoot().resolve(name), GoldenFilesTest.plan(name)));
    return plans;
  }
}
