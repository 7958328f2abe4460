package com.acme.shop;

import dev.kit.Generator;
import dev.kit.MigrationTool;
import dev.kit.lint.LintFinding;
import dev.kit.lint.LintSettings;
import dev.kit.model.Kit;
import dev.kit.verify.MigrationVerification;
import dev.kit.verify.PostgresBinaries;
import dev.kit.verify.VerifyOptions;
import dev.kit.verify.VerifyReport;
import dev.kit.write.WriteReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

public final class ShopBuild {
  public static void main(String[] args) {
    Kit described = new ShopServices().describe();
    // toBuilder() changes one setting of a description: here the revision Argo CD follows, when KIT_REVISION is set.
    String revision = System.getenv("KIT_REVISION");
    Kit kit = revision == null ? described : described.toBuilder()
        .repository(described.repository().toBuilder().targetRevision(revision).build()).build();
    Path repository = Path.of(".");
    String source = ShopServices.class.getName();              // what the generated files' headers name

    Generator generator = Generator.forRepository(repository).source(source);
    WriteReport written = generator.cache(Path.of("target/kit-cache")).generate(kit);    // kit:generate
    System.out.println("kit: " + written);
    MigrationTool migrations = MigrationTool.forRepository(repository).source(source);
    List<LintFinding> findings = migrations.lint(kit, LintSettings.defaults());          // kit:check's lint
    findings.forEach(System.out::println);
    if (kit.environments().size() > 1) {              // kit:diff: what the last environment has that the first has not
      System.out.print(generator.diff(kit, kit.environments().get(0).name(),
          kit.environments().get(kit.environments().size() - 1).name()));
    }

    if (args.length == 0) {                            // kit:verify needs the PostgreSQL binaries jars
      System.out.println("kit: to verify, pass a folder with " + PostgresBinaries.coordinates(17) + " and the others");
      return;
    }
    VerifyOptions options = VerifyOptions.of(PostgresBinaries.inDirectory(Path.of(args[0])));
    MigrationVerification verification = MigrationVerification.forRepository(repository).source(source);
    VerifyReport verified = verification.verify(kit, options);                          // kit:verify
    verified.failures().forEach(System.err::println);
    if (args.length > 1) {                             // a version to revert, like -Dkit.revert
      verification.revert(kit, Optional.of("orders"), args[1], options, Clock.systemUTC());
    }
  }
}
