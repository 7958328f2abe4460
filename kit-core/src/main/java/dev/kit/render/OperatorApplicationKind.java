package dev.kit.render;

import dev.kit.model.HelmChart;
import dev.kit.model.Kit;
import dev.kit.model.Platform;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** The platform's Argo CD {@code Application} for an operator, from its Helm chart. */
final class OperatorApplicationKind implements PlatformKind {

  private final String name;
  private final String description;
  private final String when;
  private final Function<Platform, Optional<HelmChart>> chart;
  private final Predicate<Kit> needed;
  private final SyncWave wave;

  /**
   * @param name the Application's name and file name
   * @param chart its chart in the platform, or empty when the cluster has it already
   * @param needed whether the description needs the operator
   */
  OperatorApplicationKind(
      String name,
      String description,
      String when,
      Function<Platform, Optional<HelmChart>> chart,
      Predicate<Kit> needed,
      SyncWave wave) {
    this.name = name;
    this.description = description;
    this.when = when;
    this.chart = chart;
    this.needed = needed;
    this.wave = wave;
  }

  @Override
  public String file() {
    return name + ".yaml";
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String when() {
    return when;
  }

  @Override
  public boolean appliesTo(Kit kit) {
    return kit.platform().flatMap(chart).isPresent() && needed.test(kit);
  }

  @Override
  public Optional<SyncWave> wave() {
    return Optional.of(wave);
  }

  @Override
  public Object render(PlatformContext context) {
    Platform platform = context.kit().platform().orElseThrow();
    return PlatformRenderer.chartApplication(
        context.kit(), platform, name, chart.apply(platform).orElseThrow(), wave);
  }
}
