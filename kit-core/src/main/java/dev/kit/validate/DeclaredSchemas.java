package dev.kit.validate;

import dev.kit.input.KitInputs;
import dev.kit.migration.SqlScript;
import dev.kit.migration.SqlStatement;
import dev.kit.migration.SqlToken;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each declarative service's schema file, read and judged once per validation run: the description
 * as written and every environment's view check the same file (KitInputs holds one per service), of
 * up to 200 KiB, so only the comparison with a view's schemas is left to each view.
 */
final class DeclaredSchemas {

  /** What validation makes of a service's schema file. */
  enum Verdict {
    MISSING,
    TOO_LARGE,
    NOT_UTF8,
    READABLE
  }

  /** A service's schema file as first read: its verdict and size, and its content if readable. */
  private static final class SchemaFile {
    private final Verdict verdict;
    private final int bytes;
    private final byte[] content;

    private SchemaFile(Verdict verdict, int bytes, byte[] content) {
      this.verdict = verdict;
      this.bytes = bytes;
      this.content = content;
    }
  }

  private final KitInputs inputs;
  private final Map<String, SchemaFile> files = new HashMap<>();

  /** By service, parsed on the first ask; empty when Atlas cannot read the file. */
  private final Map<String, Optional<Set<String>>> declared = new HashMap<>();

  DeclaredSchemas(KitInputs inputs) {
    this.inputs = inputs;
  }

  /** What {@code service}'s schema file is, worked out on the first ask. */
  Verdict verdict(String service) {
    return file(service).verdict;
  }

  /** The size of {@code service}'s schema file in bytes; 0 when it is missing. */
  int bytes(String service) {
    return file(service).bytes;
  }

  /**
   * The schemas {@code CREATE SCHEMA [IF NOT EXISTS] name} or {@code CREATE SCHEMA AUTHORIZATION
   * role} statements of {@code service}'s {@link Verdict#READABLE} schema file create, named as
   * PostgreSQL resolves them (unquoted names folded to lower case); empty when Atlas cannot read
   * the file either. Only the first ask for {@code service} parses.
   */
  Optional<Set<String>> declared(String service) {
    Optional<Set<String>> schemas = declared.get(service);
    if (schemas == null) {
      SchemaFile file = file(service);
      schemas = file.verdict == Verdict.READABLE ? parse(file.content) : Optional.empty();
      declared.put(service, schemas);
    }
    return schemas;
  }

  private SchemaFile file(String service) {
    SchemaFile file = files.get(service);
    if (file == null) {
      file = read(service);
      files.put(service, file);
    }
    return file;
  }

  private SchemaFile read(String service) {
    Optional<byte[]> content = inputs.schemaFile(service);
    if (content.isEmpty()) {
      return new SchemaFile(Verdict.MISSING, 0, new byte[0]);
    }
    byte[] bytes = content.get();
    if (bytes.length > SchemaRules.SCHEMA_FILE_MAX_BYTES) {
      return new SchemaFile(Verdict.TOO_LARGE, bytes.length, new byte[0]);
    }
    return isUtf8(bytes)
        ? new SchemaFile(Verdict.READABLE, bytes.length, bytes)
        : new SchemaFile(Verdict.NOT_UTF8, bytes.length, new byte[0]);
  }

  private static boolean isUtf8(byte[] content) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
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
