package io.claimdesk.web.http;

import io.claimdesk.core.session.SignInService;
import io.javalin.http.Context;
import java.time.Duration;

/** A wait as the {@code Retry-After} header gives it (whole seconds, at least one) and in words. */
public final class RetryAfter {
  private RetryAfter() {}

  /** Whole seconds, rounded up, at least 1: a client that waits exactly this long is let through. */
  private static long seconds(Duration wait) {
    long millis = Math.max(0, wait.toMillis());
    return Math.max(1, (millis + 999) / 1000);
  }

  /** "1 second", "40 seconds", "3 minutes" (rounded up). */
  private static String words(long seconds) {
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  /**
   * Sets {@code Retry-After} for a refused sign-in and answers what to tell the person: after failures, or while the
   * server is busy checking others.
   */
  public static String signInRefused(Context ctx, SignInService.Wait wait) {
    long seconds = seconds(wait.retryAfter());
    ctx.header("Retry-After", String.valueOf(seconds));
    return signInMessage(wait.busy(), seconds);
  }

  private static String signInMessage(boolean busy, long seconds) {
    return (busy ? "Too many sign-ins at once." : "Too many failed sign-ins.") + " Try again in " + words(seconds)
        + ".";
  }
}
