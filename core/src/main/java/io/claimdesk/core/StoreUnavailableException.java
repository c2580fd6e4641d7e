package io.claimdesk.core;

/**
 * A store could not do what it was asked: the database is unreachable, timed out, or refused the operation. The one
 * type in which a storage failure reaches the services and adapters, whatever the database; the cause says more.
 */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
