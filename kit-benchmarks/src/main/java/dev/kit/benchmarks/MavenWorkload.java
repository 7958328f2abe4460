package dev.kit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The {@link Workload} as the service repository a team keeps: a Maven project whose description of
 * the N services lives in {@code src/test/java}, with kit-core as a test dependency and the kit
 * plugin declared, and the migrations under {@code services/}. {@code mvn kit:generate} in it is
 * the user's path that issue 17 measures: Maven's start, the forked test-compile, loading the
 * description, and kit.
 *
 * <pre>
 * java -cp kit-benchmarks/target/benchmarks.jar dev.kit.benchmarks.MavenWorkload &lt;folder&gt; &lt;services&gt;
 * cd &lt;folder&gt; &amp;&amp; mvn -B kit:generate
 * </pre>
 *
 * kit-core and kit-maven-plugin must be installed in the local Maven repository at the version
 * these benchmarks were built with.
 */
public final class MavenWorkload {

  /** The description's fully-qualified class name. */
  static final String DESCRIPTION = "com.example.fleet.FleetServices";

  private MavenWorkload() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: MavenWorkload <folder> <services>");
      System.exit(2);
    }
    Path project = Path.of(args[0]);
    write(project, new Workload(Integer.parseInt(args[1])), kitVersion());
    System.out.println("wrote " + project.toAbsolutePath() + ": run mvn kit:generate in it");
  }

  /** Writes the project, its description and the workload's migrations into {@code project}. */
  static void write(Path project, Workload workload, String kitVersion) {
    try {
      Files.createDirectories(project);
      Files.writeString(project.resolve("pom.xml"), pom(kitVersion));
      Path source = project.resolve("src/test/java/" + DESCRIPTION.replace('.', '/') + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, description(workload.services()));
      workload.writeMigrations(project);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Maven project " + project, e);
    }
  }

  /**
   * The version of kit-core these benchmarks run with, from the Maven metadata packed in the jar.
   */
  static String kitVersion() {
    try (InputStream in =
        MavenWorkload.class.getResourceAsStream(
            "/META-INF/maven/dev.kit/kit-core/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "no kit-core pom.properties on the class path: run from benchmarks.jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pom(String kitVersion) {
    // The plugin versions kit's own build pins, so the project builds offline from the same local
    // repository.
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>fleet</artifactId>
          <version>1.0.0-SNAPSHOT</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
            <dependency>
              <groupId>dev.kit</groupId>
              <artifactId>kit-core</artifactId>
              <version>%1$s</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-resources-plugin</artifactId>
                <version>3.3.1</version>
              </plugin>
              <plugin>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.14.1</version>
              </plugin>
              <plugin>
                <groupId>dev.kit</groupId>
                <artifactId>kit-maven-plugin</artifactId>
                <version>%1$s</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """
        .formatted(kitVersion);
  }

  /**
   * The description as a team would write it for many alike services: a loop, the same as {@link
   * Workload#kit()}.
   */
  static String description(int services) {
    String simpleName = DESCRIPTION.substring(DESCRIPTION.lastIndexOf('.') + 1);
    return """
        package %s;

        import dev.kit.KitDescription;
        import dev.kit.model.App;
        import dev.kit.model.Backups;
        import dev.kit.model.Compression;
        import dev.kit.model.Kit;
        import dev.kit.model.Pooler;
        import dev.kit.model.Resources;
        import dev.kit.model.S3Credentials;
        import java.time.Duration;

        /** %d full-stack services. */
        public final class %s implements KitDescription {

          @Override
          public Kit describe() {
            Kit.Builder kit = Kit.builder()
                .repository("fleet", r -> r.gitUrl("https://git.example.com/platform/fleet.git").targetRevision("main"));
            for (int i = 1; i <= %d; i++) {
              String name = String.format("svc-%%05d", i);
              kit.service(name, s -> s
                  .label("team", "team-" + (name.hashCode() & 15))
                  .database(db -> db
                      .instances(3)
                      .postgresMajor(17)
                      .storage("20Gi", "standard")
                      .walStorage("5Gi", "standard")
                      .resources(Resources.requests("500m", "1Gi").withLimits(null, "1Gi"))
                      .parameter("max_connections", "200")
                      .parameter("shared_buffers", "256MB")
                      .bootstrap("app", "app")
                      .antiAffinity("topology.kubernetes.io/zone")
                      .backups("s3://fleet-backups/" + name + "/", b -> b
                          .credentials(S3Credentials.fromSecret(name + "-backup-s3", "ACCESS_KEY_ID", "ACCESS_SECRET_KEY"))
                          .walCompression(Compression.ZSTD)
                          .dataCompression(Compression.GZIP)
                          .retentionPolicy("30d")
                          .schedule("0 0 2 * * *")
                          .backupOwnerReference(Backups.BackupOwner.SELF))
                      .pooler(p -> p.instances(2).poolMode(Pooler.PoolMode.TRANSACTION).readOnly(true)))
                  .monitoring(m -> m.replicationLagThreshold(Duration.ofSeconds(30)).selectorLabel("release", "kube-prometheus-stack"))
                  .migrations(m -> m.activeDeadlineSeconds(600))
                  .app("ghcr.io/example/" + name + ":1.0.0", a -> a
                      .port(8080)
                      .replicas(2)
                      .readinessPath("/ready")
                      .livenessPath("/healthz")
                      .connection(App.Connection.POOLER)));
            }
            return kit.build();
          }
        }
        """
        .formatted(
            DESCRIPTION.substring(0, DESCRIPTION.lastIndexOf('.')), services, simpleName, services);
  }
}
