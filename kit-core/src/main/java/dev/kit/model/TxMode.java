package dev.kit.model;

/** Atlas's {@code --tx-mode}: one transaction per file, one for the whole run, or none. */
public enum TxMode {
  FILE("file"),
  ALL("all"),
  NONE("none");

  private final String flag;

  TxMode(String flag) {
    this.flag = flag;
  }

  /** The value Atlas expects on its command line. */
  public String flag() {
    return flag;
  }
}
