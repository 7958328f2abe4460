package dev.kit.model;

/**
 * The libpq {@code sslmode} of the migration connection. The {@code VERIFY_*} modes check the
 * server certificate against the CNPG cluster CA ({@code <cluster>-ca} Secret, key {@code ca.crt}).
 */
public enum SslMode {
  DISABLE("disable"),
  REQUIRE("require"),
  VERIFY_CA("verify-ca"),
  VERIFY_FULL("verify-full");

  private final String value;

  SslMode(String value) {
    this.value = value;
  }

  /** The libpq spelling. */
  public String value() {
    return value;
  }

  /** Whether the server certificate is checked, so the cluster CA must be mounted. */
  public boolean verifiesServer() {
    return this == VERIFY_CA || this == VERIFY_FULL;
  }
}
