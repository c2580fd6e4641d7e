package io.claimdesk.core.assignment;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The team's one assignment policy. {@code manual} hands out nothing; the automatic modes pick an online, active
 * member under capacity, and claim the ticket for them or, with {@code offer}, offer it for
 * {@code offerTimeoutSeconds}. Hours are null when that step is off.
 */
public record AssignmentPolicy(
    Mode mode,
    boolean offer,
    int offerTimeoutSeconds,
    Integer staleNudgeHours,
    Integer staleReleaseHours,
    ReopenToOwner reopenToOwner) {
  public static final int DEFAULT_OFFER_TIMEOUT = 300;
  /** A day: long enough for any chat notification to be seen, short enough that a ticket never sleeps. */
  static final int MAX_OFFER_TIMEOUT = 86_400;
  /** A year of hours. */
  static final int MAX_HOURS = 8_760;

  /** What a team gets before anyone chose: today's behaviour, claiming by hand. */
  public static final AssignmentPolicy MANUAL =
      new AssignmentPolicy(Mode.MANUAL, false, DEFAULT_OFFER_TIMEOUT, null, null, ReopenToOwner.ALWAYS);

  public boolean automatic() {
    return mode != Mode.MANUAL;
  }

  /** How tickets are handed out. */
  public enum Mode {
    MANUAL, ROUND_ROBIN, LEAST_LOADED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether a reopened ticket goes back to the member who owned it. */
  public enum ReopenToOwner {
    ALWAYS, IF_ONLINE, NEVER;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The result of reading a policy from outside: the policy, or one message naming what is wrong. */
  public sealed interface Parsed {
    record Valid(AssignmentPolicy policy) implements Parsed {}

    record Invalid(String message) implements Parsed {}
  }

  /**
   * Reads a policy from JSON or form fields (strings, numbers or booleans); a missing field keeps its value in
   * {@code base}, an explicit null clears the hours.
   */
  public static Parsed parse(Map<String, ?> fields, AssignmentPolicy base) {
    try {
      Mode mode = fields.containsKey("mode") ? choice(Mode.class, "mode", fields.get("mode")) : base.mode();
      boolean offer = fields.containsKey("offer") ? bool(fields.get("offer")) : base.offer();
      int timeout = fields.containsKey("offerTimeoutSeconds")
          ? number("offerTimeoutSeconds", fields.get("offerTimeoutSeconds"), 10, MAX_OFFER_TIMEOUT, false)
          : base.offerTimeoutSeconds();
      Integer nudge = fields.containsKey("staleNudgeHours")
          ? number("staleNudgeHours", fields.get("staleNudgeHours"), 1, MAX_HOURS, true) : base.staleNudgeHours();
      Integer release = fields.containsKey("staleReleaseHours")
          ? number("staleReleaseHours", fields.get("staleReleaseHours"), 1, MAX_HOURS, true)
          : base.staleReleaseHours();
      ReopenToOwner reopen = fields.containsKey("reopenToOwner")
          ? choice(ReopenToOwner.class, "reopenToOwner", fields.get("reopenToOwner")) : base.reopenToOwner();
      if (nudge != null && release != null && release <= nudge) {
        return new Parsed.Invalid("staleReleaseHours must be greater than staleNudgeHours");
      }
      return new Parsed.Valid(new AssignmentPolicy(mode, offer, timeout, nudge, release, reopen));
    } catch (IllegalArgumentException e) {
      return new Parsed.Invalid(e.getMessage());
    }
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String field, Object value) {
    String text = value == null ? "" : value.toString().trim();
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(text)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(field + " must be one of " + allowed + ", not '" + text + "'");
  }

  private static boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value == null ? "" : value.toString().trim();
    return switch (text) {
      case "true", "on" -> true;
      case "false", "off", "" -> false;
      default -> throw new IllegalArgumentException("offer must be true or false, not '" + text + "'");
    };
  }

  private static Integer number(String field, Object value, int min, int max, boolean nullable) {
    String text = value == null ? "" : value.toString().trim();
    if (text.isEmpty()) {
      if (nullable) {
        return null;
      }
      throw new IllegalArgumentException(field + " is required");
    }
    long n;
    try {
      if (value instanceof Number num && num.doubleValue() != Math.rint(num.doubleValue())) {
        throw new NumberFormatException();
      }
      n = value instanceof Number num ? num.longValue() : Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a whole number, not '" + text + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(field + " must be between " + min + " and " + max + (nullable
          ? " (or empty for off)" : "") + ", not " + n);
    }
    return (int) n;
  }

  /** The policy as plain fields, as the API shows it. */
  public Map<String, Object> fields() {
    java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("mode", mode.value());
    out.put("offer", offer);
    out.put("offerTimeoutSeconds", offerTimeoutSeconds);
    out.put("staleNudgeHours", staleNudgeHours);
    out.put("staleReleaseHours", staleReleaseHours);
    out.put("reopenToOwner", reopenToOwner.value());
    return out;
  }

  /** The policy with an unset field read back from storage as its default. */
  public static Optional<AssignmentPolicy> stored(Map<String, ?> fields) {
    return parse(fields, MANUAL) instanceof Parsed.Valid v ? Optional.of(v.policy()) : Optional.empty();
  }
}
