package dev.kit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.SourceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's lint table names every rule once, with its Atlas code: a new rule shows up there.
 */
class ReadmeLintRulesTest {

  private static final Pattern RULE = Pattern.compile("`([A-Z_]+)`( \\(([A-Z]{2}\\d{3})\\))?");

  @Test
  void readme_listsEveryRuleWithItsAtlasCode() throws IOException {
    List<String> lines =
        Files.readAllLines(
            SourceTree.moduleRoot().getParent().resolve("README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("| rule (Atlas code) | fires on | default |");
    assertThat(start).as("README's lint table").isNotNegative();
    List<String> listed = new ArrayList<>();
    for (String line : lines.subList(start + 2, lines.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      String rules = line.substring(1, line.indexOf('|', 1));
      Matcher m = RULE.matcher(rules);
      while (m.find()) {
        LintRule rule = LintRule.valueOf(m.group(1));
        listed.add(m.group(1));
        assertThat(rule.atlasCode()).as(m.group(1)).isEqualTo(Optional.ofNullable(m.group(3)));
      }
    }
    assertThat(listed)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(LintRule.values()).map(LintRule::name).toList());
  }
}
