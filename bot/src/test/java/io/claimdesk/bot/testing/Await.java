package io.claimdesk.bot.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a timeout passes. */
public final class Await {

  private static final long POLL_MILLIS = 20;

  private Await() {
  }

  /** Polls {@code condition} every 20 ms; throws {@link AssertionError} if it is still false after {@code timeout}. */
  public static void until(Duration timeout, BooleanSupplier condition) {
    until(timeout, condition, "condition");
  }

  /** Like {@link #until(Duration, BooleanSupplier)}, naming the condition in the failure message. */
  public static void until(Duration timeout, BooleanSupplier condition, String description) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + description);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + description, e);
      }
    }
  }
}
