package io.claimdesk.web.session;

import io.javalin.http.Context;

/** Writes cookies with the flags a session cookie needs; Javalin's own cookie API cannot set all of them. */
final class Cookies {
  private Cookies() {}

  static void set(Context ctx, String name, String value, String path, boolean secure, long maxAgeSeconds) {
    StringBuilder cookie = new StringBuilder(name).append('=').append(value)
        .append("; Path=").append(path)
        .append("; HttpOnly; SameSite=Lax");
    if (maxAgeSeconds >= 0) {
      cookie.append("; Max-Age=").append(maxAgeSeconds);
    }
    if (secure) {
      cookie.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", cookie.toString());
  }

  static void clear(Context ctx, String name, String path, boolean secure) {
    set(ctx, name, "", path, secure, 0);
  }
}
