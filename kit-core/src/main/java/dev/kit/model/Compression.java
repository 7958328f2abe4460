package dev.kit.model;

/**
 * Barman Cloud compression. WAL files accept all; base backups only gzip, bzip2, lz4 and snappy.
 */
public enum Compression {
  GZIP("gzip"),
  BZIP2("bzip2"),
  LZ4("lz4"),
  SNAPPY("snappy"),
  XZ("xz"),
  ZSTD("zstd");

  private final String value;

  Compression(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** Whether Barman Cloud can compress base backups (not only WAL) with it. */
  public boolean supportsData() {
    return this != XZ && this != ZSTD;
  }
}
