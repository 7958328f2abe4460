package dev.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.model.Kit;
import dev.kit.write.WriteReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same description, same bytes: under another locale and time zone the second run writes nothing.
 */
class DeterminismTest {

  @TempDir Path repo;

  private static Kit kit() {
    return Kit.builder()
        .repository(
            "shop", r -> r.gitUrl("https://github.com/acme/shop.git").targetRevision("main"))
        .service(
            "orders",
            s ->
                s.label("team", "checkout")
                    .database(db -> db.instances(3).storage("20Gi").parameter("work_mem", "4MB")))
        .service("payments", s -> s.database(db -> db.storage("5Gi").postgresMajor(16)))
        .build();
  }

  @Test
  void generate_writesNothing_whenRunAgainUnderAnotherLocaleAndTimeZone() throws IOException {
    for (String service : new String[] {"orders", "payments"}) {
      Path migrations =
          Files.createDirectories(repo.resolve("services/" + service + "/migrations"));
      Files.writeString(
          migrations.resolve("20250101120000_init.sql"),
          "CREATE TABLE IF NOT EXISTS t (id int);\n");
    }
    Generator generator = Generator.forRepository(repo).source("DeterminismTest");
    WriteReport first = generator.generate(kit());
    assertThat(first.created()).hasSize(15);

    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(new Locale("tr", "TR")); // dotless i: breaks naive toLowerCase/toUpperCase
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      WriteReport second = generator.generate(kit());

      assertThat(second.changedCount()).isZero();
      assertThat(second.unchanged()).hasSize(15);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }
}
