package io.claimdesk.web.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The largest request body of each route, enforced by the server before the body is buffered: one limit for
 * every route not named, and a larger or smaller one for the routes that need it (inbound mail, Slack).
 */
public final class BodyLimits {
  private static final long MIB = 1024 * 1024;
  private final long fallback;
  private final Map<String, Long> byPath;

  private BodyLimits(long fallback, Map<String, Long> byPath) {
    this.fallback = fallback;
    this.byPath = Map.copyOf(byPath);
  }

  /** {@code bytes} for every route. */
  public static BodyLimits of(long bytes) {
    return new BodyLimits(bytes, Map.of());
  }

  /** These limits with {@code limits} (exact request paths) added or replaced. */
  public BodyLimits with(Map<String, Long> limits) {
    Map<String, Long> all = new HashMap<>(byPath);
    all.putAll(limits);
    return new BodyLimits(fallback, all);
  }

  /**
   * The limit of a request path: its own, else that of a pattern whose {@code *} segments match any one segment
   * (a route with an id in it), else the limit of every route.
   */
  public long forPath(String path) {
    Long exact = byPath.get(path);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, Long> e : byPath.entrySet()) {
      if (e.getKey().contains("*") && matches(e.getKey(), path)) {
        return e.getValue();
      }
    }
    return fallback;
  }

  private static boolean matches(String pattern, String path) {
    String[] want = pattern.split("/", -1);
    String[] have = path.split("/", -1);
    if (want.length != have.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!want[i].equals("*") && !want[i].equals(have[i]) || want[i].equals("*") && have[i].isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The largest limit of any route. */
  long largest() {
    return byPath.values().stream().mapToLong(Long::longValue).reduce(fallback, Math::max);
  }

  /** The 413 message of a request path: its limit in bytes and in MB. */
  public String message(String path) {
    long bytes = forPath(path);
    String mb = bytes % MIB == 0 ? Long.toString(bytes / MIB)
        : String.format(Locale.ROOT, "%.1f", bytes / (double) MIB);
    return "Request body is larger than " + bytes + " bytes (" + mb + " MB)";
  }
}
