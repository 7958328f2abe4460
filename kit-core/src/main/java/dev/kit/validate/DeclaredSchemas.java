package dev.kit.validate;

import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schemas each service's declarative schema file creates, parsed once per validation run: the
 * description as written and every environment's view check the same file (KitInputs holds one per
 * service), of up to 200 KiB.
 */
final class DeclaredSchemas {

  /** By service; empty when the file cannot be parsed. */
  private final Map<String, Optional<Set<String>>> byService = new HashMap<>();

  /**
   * The schemas {@code CREATE SCHEMA [IF NOT EXISTS] name} or {@code CREATE SCHEMA AUTHORIZATION
   * role} statements of {@code content}, {@code service}'s schema file, create, named as PostgreSQL
   * resolves them (unquoted names folded to lower case); empty when Atlas cannot read the file
   * either. Only the first ask for {@code service} parses.
   */
  Optional<Set<String>> of(String service, byte[] content) {
    Optional<Set<String>> declared = byService.get(service);
    if (declared == null) {
      declared = parse(content);
      byService.put(service, declared);
    }
    return declared;
  }

  private static Optional<Set<String>> parse(byte[] content) {
    SqlScript script;
    try {
      script = SqlScript.parse(content);
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
    Set<String> declared = new HashSet<>();
    for (SqlStatement statement : script.statements()) {
      List<SqlToken> tokens = statement.tokens();
      if (tokens.size() < 3 || !tokens.get(0).isWord("create") || !tokens.get(1).isWord("schema")) {
        continue;
      }
      int at = statement.indexOfWords(2, "if", "not", "exists") == 2 ? 5 : 2;
      if (at < tokens.size() && tokens.get(at).isWord("authorization")) {
        at++;
      }
      if (at < tokens.size()
          && (tokens.get(at).kind() == SqlToken.Kind.WORD
              || tokens.get(at).kind() == SqlToken.Kind.QUOTED_IDENTIFIER)) {
        declared.add(tokens.get(at).name());
      }
    }
    return Optional.of(declared);
  }
}
