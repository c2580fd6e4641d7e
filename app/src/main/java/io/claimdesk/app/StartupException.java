package io.claimdesk.app;

/**
 * claimdesk cannot start for a reason the operator can fix (a port in use, a database out of reach); the message
 * says which in one line, so that {@link Main} logs it without a stack trace.
 */
public final class StartupException extends RuntimeException {
  StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
