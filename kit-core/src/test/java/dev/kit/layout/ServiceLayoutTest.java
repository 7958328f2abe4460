package dev.kit.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kit.model.DeclarativeSchema;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceLayoutTest {

  @Test
  void paths_areRepositoryRelative_forAService() {
    ServiceLayout layout = RepositoryLayout.service("orders");
    assertThat(layout.folder()).isEqualTo("services/orders");
    assertThat(layout.file(ServiceLayout.RUNBOOK)).isEqualTo("services/orders/RUNBOOK.md");
    assertThat(layout.manifest("database", "cluster.yaml"))
        .isEqualTo("services/orders/manifests/database/cluster.yaml");
    assertThat(RepositoryLayout.platformFile("root.yaml")).isEqualTo("platform/root.yaml");
  }

  @Test
  void serviceOf_namesTheServiceAndEnvironment_onlyForTheFileInTheirFolder() {
    String file = "manifests/database/cluster.yaml";
    assertThat(RepositoryLayout.serviceOf("services/orders/" + file, file))
        .containsExactly("orders", null);
    assertThat(RepositoryLayout.serviceOf("services/orders/envs/prod/" + file, file))
        .containsExactly("orders", "prod");
    for (String other :
        List.of(
            "services/" + file,
            "services/orders/x" + file,
            "services/orders/app/" + file,
            "services/orders/envs/" + file,
            "services/orders/envs/prod/x/" + file,
            "services/orders/other/prod/" + file,
            "platform/orders/" + file,
            file)) {
      assertThat(RepositoryLayout.serviceOf(other, file)).as(other).isNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"migrations", "db/migrations", "./migrations", "a/../migrations"})
  void inside_normalizes_whenThePathStaysInTheServiceFolder(String relative) {
    assertThat(ServiceLayout.inside(relative))
        .get()
        .asString()
        .doesNotContain("./")
        .endsWith("migrations");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "/etc", "..", "../orders", "a/../..", "a\\b", "."})
  void inside_isEmpty_whenThePathLeavesOrNamesTheFolder(String relative) {
    assertThat(ServiceLayout.inside(relative)).isEmpty();
  }

  @Test
  void migrationsFolderAndSchemaFile_followTheDescription() {
    Service orders =
        Service.builder("orders")
            .database(db -> db.storage("1Gi"))
            .migrations(m -> m.directory("db/./sql"))
            .build();
    Service catalog =
        Service.builder("catalog")
            .database(db -> db.storage("1Gi"))
            .declarativeSchema(DeclarativeSchema.of("schema/../schema.sql"))
            .build();
    assertThat(ServiceLayout.migrationsFolder(orders)).contains("db/sql");
    assertThat(ServiceLayout.schemaFile(orders)).isEmpty();
    assertThat(ServiceLayout.migrationsFolder(catalog)).isEmpty();
    assertThat(ServiceLayout.schemaFile(catalog)).isEqualTo(Optional.of("schema.sql"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "orders",
        "a",
        "orders-2",
        "a23456789012345678901234567890123456789012345678901234567890123"
      })
  void isServiceFolder_accepts_dns1035Labels(String name) {
    assertThat(RepositoryLayout.isServiceFolder(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Orders",
        "2orders",
        "orders-",
        "..",
        "a/b",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void isServiceFolder_refuses_otherNames(String name) {
    assertThat(RepositoryLayout.isServiceFolder(name)).isFalse();
    assertThatThrownBy(() -> RepositoryLayout.service(name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isServiceFolder_agreesWithTheRegularExpression_forEveryShortName() {
    Pattern serviceFolder = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    List<String> names = new ArrayList<>(List.of(""));
    List<String> previous = List.of("");
    // Every name of up to 4 characters over a label's characters and near misses...
    for (int length = 1; length <= 4; length++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (char c : "az09-.A_/é".toCharArray()) {
          next.add(prefix + c);
        }
      }
      names.addAll(next);
      previous = next;
    }
    // ...and names at the length limit.
    for (int length = 60; length <= 66; length++) {
      names.add("a".repeat(length));
      names.add("a".repeat(length - 1) + "-");
      names.add("a-".repeat(length / 2) + "a");
    }
    List<String> mismatches = new ArrayList<>();
    for (String name : names) {
      if (RepositoryLayout.isServiceFolder(name) != serviceFolder.matcher(name).matches()) {
        mismatches.add(name);
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
