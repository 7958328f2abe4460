package dev.kit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.migration.MigrationDirectory;
import dev.kit.migration.MigrationFile;
import dev.kit.model.Kit;
import dev.kit.model.Patch;
import dev.kit.model.Service;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the generation cache's safety rests on: equal inputs digest equally, and any difference shows. */
class FingerprintTest {

  private static Kit kit(String revision) {
    return Kit.builder()
        .repository("shop", r -> r.gitUrl("https://git.example.com/shop.git").targetRevision(revision))
        .service("orders", s -> s.database(db -> db.instances(1).postgresMajor(17).storage("1Gi")))
        .build();
  }

  @Test
  void anEqualDescription_digestsEqually() {
    assertThat(Fingerprint.ofDescription(kit("main"), "src")).isEqualTo(Fingerprint.ofDescription(kit("main"), "src"));
  }

  @Test
  void theDescriptionAndTheHeaderSource_eachChangeTheDigest() {
    byte[] base = Fingerprint.ofDescription(kit("main"), "src");
    assertThat(Fingerprint.ofDescription(kit("release"), "src")).isNotEqualTo(base);
    assertThat(Fingerprint.ofDescription(kit("main"), "other")).isNotEqualTo(base);
  }

  @Test
  void migrationsAndSchema_changeTheServiceFingerprint() {
    byte[] description = Fingerprint.ofDescription(kit("main"), "src");
    MigrationDirectory one = new MigrationDirectory(List.of(file("1_a.sql", "create table a();")));
    MigrationDirectory edited = new MigrationDirectory(List.of(file("1_a.sql", "create table b();")));
    MigrationDirectory renamed = new MigrationDirectory(List.of(file("2_a.sql", "create table a();")));
    String base = Fingerprint.ofService(description, "orders", one, null);

    assertThat(Fingerprint.ofService(description, "orders", one, null)).isEqualTo(base);
    assertThat(Fingerprint.ofService(description, "orders", edited, null)).isNotEqualTo(base);
    assertThat(Fingerprint.ofService(description, "orders", renamed, null)).isNotEqualTo(base);
    assertThat(Fingerprint.ofService(description, "orders", null, null)).isNotEqualTo(base);
    assertThat(Fingerprint.ofService(description, "orders", one, "")).isNotEqualTo(base);
    assertThat(Fingerprint.ofService(description, "billing", one, null)).isNotEqualTo(base);
  }

  @Test
  void valuesOfDifferentTypes_digestDifferently_evenWhenTheyPrintAlike() {
    Kit withInt = withPatch(1);
    Kit withLong = withPatch(1L);
    Kit withText = withPatch("1");
    assertThat(Fingerprint.ofDescription(withInt, "src")).isNotEqualTo(Fingerprint.ofDescription(withLong, "src"))
        .isNotEqualTo(Fingerprint.ofDescription(withText, "src"));
  }

  private static Kit withPatch(Object value) {
    Kit kit = kit("main");
    Service orders = kit.services().get(0);
    Service patched = new Service(orders.name(), orders.namespace(), Map.of(), orders.database(), orders.migrations(),
        List.of(new Patch(Patch.Target.CLUSTER, Patch.Op.ADD, "/spec/x", value)), orders.app(), orders.monitoring(),
        orders.declarativeSchema());
    return new Kit(kit.repository(), List.of(patched), kit.platform());
  }

  private static MigrationFile file(String name, String sql) {
    return new MigrationFile(name, sql.getBytes(StandardCharsets.UTF_8));
  }
}
