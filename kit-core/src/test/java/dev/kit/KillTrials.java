package dev.kit;

import dev.kit.model.ArgoCd;
import dev.kit.model.Kit;
import dev.kit.model.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository the kill trials generate into: {@link #SERVICES} services and the platform,
 * described twice. From the old description to the new one every service folder gets files created
 * (the app), updated (the cluster, the runbook, atlas.hcl) and deleted (the monitors, the Job), and
 * {@code platform/} gains a file.
 *
 * <p>{@link #main} is the child JVM of {@link KillTrialTest}: it runs {@code kit:generate}'s call
 * with the new description, as a user's build would, until the test kills it.
 */
public final class KillTrials {

  /** Services in the repository; each one's folder is judged old, new or mixed after a kill. */
  static final int SERVICES = 30;

  private KillTrials() {}

  /** The old ({@code next == false}) or the new description. */
  static Kit kit(boolean next) {
    Kit.Builder kit =
        Kit.builder()
            .repository(
                "trials",
                r ->
                    r.gitUrl("https://git.example.com/platform/trials.git")
                        .argoCd(
                            ArgoCd.builder()
                                .delivery(ArgoCd.Delivery.APP_OF_APPS)
                                .version(next ? "2.9" : "3.5")
                                .build()));
    for (int i = 0; i < SERVICES; i++) {
      kit.service(
          name(i),
          s -> {
            s.database(db -> db.instances(next ? 2 : 1).storage("1Gi"));
            s.migrations(m -> m.engine(next ? Migrations.Engine.OPERATOR : Migrations.Engine.JOB));
            if (next) {
              s.app("ghcr.io/example/app:1.0.0", a -> a.port(8080));
            } else {
              s.monitoring(m -> m);
            }
            return s;
          });
    }
    return kit.build();
  }

  static String name(int index) {
    return String.format(java.util.Locale.ROOT, "svc-%02d", index);
  }

  /** Writes two migrations per service, the user's files that every tree shares. */
  static void writeMigrations(Path repo) {
    try {
      for (int i = 0; i < SERVICES; i++) {
        Path dir =
            Files.createDirectories(
                repo.resolve("services").resolve(name(i)).resolve("migrations"));
        Files.writeString(
            dir.resolve("20250101000000_create_t.sql"),
            "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Files.writeString(
            dir.resolve("20250102000000_add_name.sql"), "ALTER TABLE t ADD COLUMN name text;\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Generates the new description into {@code args[0]}, with the generation cache in its {@code
   * target/}.
   */
  public static void main(String[] args) {
    Path repo = Path.of(args[0]);
    Generator.forRepository(repo)
        .source("kill-trials")
        .cache(repo.resolve("target/kit-cache"))
        .generate(kit(true));
  }
}
