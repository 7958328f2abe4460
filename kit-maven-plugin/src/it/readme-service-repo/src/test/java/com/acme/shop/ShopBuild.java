package com.acme.shop;

import dev.kit.Generator;
import dev.kit.lint.LintFinding;
import dev.kit.lint.LintSettings;
import dev.kit.model.Kit;
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
    Kit kit = new ShopServices().describe();
    Generator generator = Generator.forRepository(Path.of(".")).source(ShopServices.class.getName());

    WriteReport written = generator.cache(Path.of("target/kit-cache")).generate(kit);    // kit:generate
    System.out.println("kit: " + written);
    List<LintFinding> findings = generator.lintMigrations(kit, LintSettings.defaults());  // kit:check's lint
    findings.forEach(System.out::println);

    if (args.length == 0) {                            // kit:verify needs the PostgreSQL binaries jars
      System.out.println("kit: to verify, pass a folder with " + PostgresBinaries.coordinates(17) + " and the others");
      return;
    }
    VerifyOptions options = VerifyOptions.of(PostgresBinaries.inDirectory(Path.of(args[0])));
    VerifyReport verified = generator.verify(kit, options);                             // kit:verify
    verified.failures().forEach(System.err::println);
    if (args.length > 1) {                             // a version to revert, like -Dkit.revert
      generator.revertMigration(kit, Optional.of("orders"), args[1], options, Clock.systemUTC());
    }
  }
}
