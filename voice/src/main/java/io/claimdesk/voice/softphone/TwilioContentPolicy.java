package io.claimdesk.voice.softphone;

import io.javalin.http.Context;

/**
 * Widens the dashboard pages' Content-Security-Policy just enough for the softphone that runs in each of them: its
 * WebSocket and HTTPS requests to Twilio (or to the test's signalling host), and ring tones made in the page as
 * {@code data:} audio. Everything else stays as strict as the dashboard set it.
 */
final class TwilioContentPolicy {
  private static final String HEADER = "Content-Security-Policy";
  private static final String CONNECT = "connect-src 'self'";

  private TwilioContentPolicy() {}

  static void widen(Context ctx, String signalingHost) {
    String policy = ctx.res().getHeader(HEADER);
    if (policy != null) {
      ctx.header(HEADER, widened(policy, signalingHost));
    }
  }

  static String widened(String policy, String signalingHost) {
    if (!policy.contains(CONNECT) || policy.contains("twilio.com")) {
      return policy;
    }
    String connect = CONNECT + " wss://*.twilio.com https://*.twilio.com"
        + (signalingHost == null ? "" : " wss://" + signalingHost);
    String widened = policy.replace(CONNECT, connect);
    return widened.contains("media-src") ? widened : widened + "; media-src 'self' data:";
  }
}
