package dev.kit.verify;

import java.util.List;

/**
 * A throwaway PostgreSQL that could not start, with the services it was for: its message is {@code
 * orders, payments: <why>}, and {@link #getCause()} says why (such as no binaries for the major).
 */
public final class ServerStartException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> services;

  /**
   * @param services the services whose migrations the server was to run
   * @param cause why it could not start
   */
  public ServerStartException(List<String> services, IllegalStateException cause) {
    super(String.join(", ", services) + ": " + cause.getMessage(), cause);
    this.services = List.copyOf(services);
  }

  /** The services whose migrations the server was to run, in the description's order. */
  public List<String> services() {
    return services;
  }
}
