package dev.kit.lint;

import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.util.List;
import java.util.Locale;

/**
 * Finds a password written as a literal in a migration: {@code CREATE ROLE reporting LOGIN PASSWORD
 * 'hunter2'}, {@code ALTER USER ... ENCRYPTED PASSWORD '...'}, {@code CREATE USER MAPPING ...
 * OPTIONS (password '...')}. kit copies migrations into a ConfigMap, which anyone who may read
 * ConfigMaps (and Argo CD's UI) shows, so such a statement must neither be accepted silently nor
 * quoted in a message. {@code PASSWORD NULL} sets none and is not a literal; the word inside a
 * comment or a string is no token, so it matches nothing.
 *
 * <pre>{@code
 * SqlStatement s = SqlScript.parse("CREATE ROLE r LOGIN PASSWORD 'x';").statements().get(0);
 * LiteralPasswords.in(s); // true
 * }</pre>
 */
public final class LiteralPasswords {

  private LiteralPasswords() {}

  /**
   * Whether {@code statement} is a {@code CREATE} or {@code ALTER} of a role, user (or user
   * mapping) or group whose {@code PASSWORD} (or quoted {@code "password"} option) is followed by a
   * string constant, in any of its forms ({@code '...'}, {@code E'...'}, {@code $$...$$}), or of a
   * subscription whose {@code CONNECTION} string holds a {@code password=}.
   */
  public static boolean in(SqlStatement statement) {
    List<SqlToken> t = statement.tokens();
    if (t.size() < 2 || !(t.get(0).isWord("CREATE") || t.get(0).isWord("ALTER"))) {
      return false;
    }
    if (t.get(1).isWord("SUBSCRIPTION")) {
      for (int i = 2; i + 1 < t.size(); i++) {
        if (t.get(i).isWord("CONNECTION")
            && t.get(i + 1).kind() == SqlToken.Kind.STRING
            && t.get(i + 1).text().toLowerCase(Locale.ROOT).contains("password")) {
          return true;
        }
      }
      return false;
    }
    if (!(t.get(1).isWord("ROLE") || t.get(1).isWord("USER") || t.get(1).isWord("GROUP"))) {
      return false;
    }
    for (int i = 2; i + 1 < t.size(); i++) {
      SqlToken word = t.get(i);
      if ((word.kind() == SqlToken.Kind.WORD || word.kind() == SqlToken.Kind.QUOTED_IDENTIFIER)
          && word.name().equals("password")
          && t.get(i + 1).kind() == SqlToken.Kind.STRING) {
        return true;
      }
    }
    return false;
  }
}
