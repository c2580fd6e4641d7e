package io.claimdesk.web.health;

/**
 * Whether this instance should be sent traffic: not while it is still starting (the HTTP server listens before the
 * last start-up steps end) and not once it is stopping, so a load balancer moves away before the server closes.
 */
public final class Readiness {
  private enum State { STARTING, READY, STOPPING }

  private volatile State state = State.STARTING;

  /** Start-up work is done. */
  public void ready() {
    if (state == State.STARTING) {
      state = State.READY;
    }
  }

  /** Shutdown has begun; for good. */
  public void stopping() {
    state = State.STOPPING;
  }

  /** Null when ready, else why not. */
  String notReadyBecause() {
    return switch (state) {
      case STARTING -> "starting";
      case STOPPING -> "stopping";
      case READY -> null;
    };
  }
}
