package io.claimdesk.web.page;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times and durations read on the pages. */
public final class Format {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Format() {}

  /** A moment as {@code 2026-11-21 09:30 UTC}; a dash when unknown. */
  public static String when(Instant at) {
    return at == null ? "–" : WHEN.format(at);
  }

  /** The moment as ISO-8601, for {@code <time datetime>}. */
  public static String iso(Instant at) {
    return at == null ? "" : at.toString();
  }

  /** How long ago {@code at} was, from {@code now}: {@code 4 min}, {@code 3 h 5 min}, {@code 2 d 4 h}. */
  public static String since(Instant at, Instant now) {
    return at == null ? "–" : duration(Duration.between(at, now));
  }

  /** A duration in the two largest units; a dash when null. */
  public static String duration(Duration d) {
    if (d == null) {
      return "–";
    }
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 1) {
      return "< 1 min";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + " h " + (minutes % 60) + " min";
    }
    return (hours / 24) + " d " + (hours % 24) + " h";
  }
}
