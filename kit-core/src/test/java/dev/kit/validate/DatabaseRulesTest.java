package dev.kit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kit.testing.AllStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DatabaseRulesTest {

  /** The rules as the regular expressions they were, which the scans must agree with. */
  private static final Pattern PARAMETER_NAME =
      Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

  private static final Pattern S3_PATH =
      Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?");
  private static final Pattern RETENTION = Pattern.compile("[1-9][0-9]*[dwm]");

  @Test
  void isParameterName_agreesWithTheRegularExpression_forEveryShortName() {
    List<String> mismatches = new ArrayList<>();
    for (String name : AllStrings.upTo("az09_.A-é", 5)) {
      if (DatabaseRules.isParameterName(name) != PARAMETER_NAME.matcher(name).matches()) {
        mismatches.add(name);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void isS3Path_agreesWithTheRegularExpression_forEveryShortPath() {
    List<String> mismatches = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    // Every bucket and folder of up to 5 characters over a bucket's characters, '/', whitespace
    // and near misses, behind the scheme and near misses of it...
    for (String rest : AllStrings.upTo("a0.-/A \t\u000B\u00A0", 5)) {
      for (String scheme : List.of("s3://", "S3://", "s3:/", "s3:", "")) {
        paths.add(scheme + rest);
      }
    }
    // ...and buckets at and around the length limits.
    for (int length = 1; length <= 65; length++) {
      paths.add("s3://" + "b".repeat(length));
      paths.add("s3://" + "b".repeat(length) + "/x/");
      paths.add("s3://" + "b".repeat(length) + "/x y");
    }
    for (String path : paths) {
      if (DatabaseRules.isS3Path(path) != S3_PATH.matcher(path).matches()) {
        mismatches.add(path);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void isRetentionPolicy_agreesWithTheRegularExpression_forEveryShortPolicy() {
    List<String> mismatches = new ArrayList<>();
    for (String policy : AllStrings.upTo("019dwmyD \u0663", 5)) {
      if (DatabaseRules.isRetentionPolicy(policy) != RETENTION.matcher(policy).matches()) {
        mismatches.add(policy);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void postgresSize_agreesWithDigitsByRegularExpression_forEveryShortSize() {
    Pattern digits = Pattern.compile("[0-9]+");
    List<String> mismatches = new ArrayList<>();
    for (String value : AllStrings.upTo("01kKMGBi \u0663", 4)) {
      String compact = value.replace(" ", "");
      if (digits.matcher(compact).matches()) {
        compact += "MB";
      }
      String expected = "";
      if (compact.endsWith("B")) {
        String quantity = compact.substring(0, compact.length() - 1);
        if (!digits.matcher(quantity).matches()) {
          quantity = (quantity + "i").replace("ki", "Ki");
        }
        expected =
            KubernetesNames.isQuantity(quantity)
                ? ResourceLimits.amount(quantity).toPlainString()
                : "";
      }
      String actual =
          CnpgClusterRules.postgresSize(value).map(size -> size.toPlainString()).orElse("");
      if (!actual.equals(expected)) {
        mismatches.add(value);
      }
    }
    assertThat(mismatches).isEmpty();
  }
}
