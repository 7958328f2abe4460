package dev.kit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Declarative schema management: the Atlas operator's {@code AtlasSchema} makes the database match
 * a SQL schema file, instead of applying versioned migrations.
 *
 * <pre>{@code
 * Service.builder("catalog").declarativeSchema(DeclarativeSchema.of("schema.sql")) ...
 * }</pre>
 *
 * @param file the schema file, relative to {@code services/<service>/}
 * @param txMode how Atlas wraps the planned changes in transactions, or empty for Atlas's default
 */
public record DeclarativeSchema(String file, Optional<TxMode> txMode) {

  public DeclarativeSchema {
    Objects.requireNonNull(
        file,
        "DeclarativeSchema(file, txMode): file is null; pass a schema file such as schema.sql");
    Objects.requireNonNull(
        txMode,
        "DeclarativeSchema(file, txMode): txMode is null; pass Optional.empty() for Atlas's default");
  }

  public static DeclarativeSchema of(String file) {
    return new DeclarativeSchema(
        Objects.requireNonNull(
            file,
            "DeclarativeSchema.of(file): file is null; "
                + "pass the schema file relative to services/<service>/, such as schema.sql"),
        Optional.empty());
  }

  public DeclarativeSchema withTxMode(TxMode txMode) {
    return new DeclarativeSchema(
        file,
        Optional.of(
            Objects.requireNonNull(
                txMode,
                "DeclarativeSchema.withTxMode(txMode): txMode is null; "
                    + "pass TxMode.FILE, ALL or NONE, or leave it out for Atlas's default")));
  }
}
