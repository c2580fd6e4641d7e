package io.claimdesk.app;

import io.claimdesk.core.team.Secrets;
import io.claimdesk.web.http.TrustedProxies;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads typed values from the environment, collecting every problem instead of stopping at the first. */
final class EnvReader {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+$");

  private final Map<String, String> env;
  final List<String> problems = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  /** The trimmed value, or null when unset or blank. */
  String text(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  String text(String name, String fallback) {
    String value = text(name);
    return value == null ? fallback : value;
  }

  int port(String name, int fallback) {
    return integer(name, fallback, 1, 65535, "a port number from 1 to 65535");
  }

  int positive(String name, int fallback) {
    return integer(name, fallback, 1, Integer.MAX_VALUE, "a positive whole number");
  }

  private int integer(String name, int fallback, int min, int max, String expected) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + ": must be " + expected + " (got '" + value + "')");
    return fallback;
  }

  boolean bool(String name, boolean fallback) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes":
        return true;
      case "false", "0", "no":
        return false;
      default:
        problems.add(name + ": must be true or false (got '" + value + "')");
        return fallback;
    }
  }

  String oneOf(String name, String fallback, Set<String> allowed) {
    String value = text(name, fallback).toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      problems.add(name + ": must be one of " + String.join(", ", allowed.stream().sorted().toList())
          + " (got '" + value + "')");
      return fallback;
    }
    return value;
  }

  String email(String name) {
    String value = text(name);
    if (value != null && !EMAIL.matcher(value).matches()) {
      problems.add(name + ": must be an email address (got '" + value + "')");
    }
    return value;
  }

  /** An http(s) URL without a trailing slash. */
  String url(String name, String fallback) {
    String value = text(name, fallback);
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
      }
    } catch (Exception e) {
      // reported below
    }
    problems.add(name + ": must be an http:// or https:// URL (got '" + value + "')");
    return fallback;
  }

  Path path(String name, String fallback) {
    String value = text(name, fallback);
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      problems.add(name + ": not a valid path (got '" + value + "')");
      return Path.of(fallback);
    }
  }

  /** A secret: its value never appears in a message. */
  String secret(String name, int minLength) {
    String value = text(name);
    if (value != null && value.length() < minLength) {
      problems.add(name + ": must be at least " + minLength + " characters long");
    }
    return value;
  }

  /** A Twilio SID, which starts with its kind's two letters (AC an account, SK an API key, AP a TwiML app). */
  String sid(String name, String prefix) {
    String value = text(name);
    if (value != null && !value.startsWith(prefix)) {
      problems.add(name + ": must be a Twilio SID starting with " + prefix + " (got '" + value + "')");
    }
    return value;
  }

  /** A password bcrypt can hold: {@code minLength} characters or more, at most 72 bytes of UTF-8. */
  String password(String name, int minLength) {
    String value = secret(name, minLength);
    if (value != null && !Secrets.fits(value)) {
      problems.add(name + ": must be at most " + Secrets.MAX_PASSWORD_BYTES + " bytes (UTF-8)");
    }
    return value;
  }

  /** Comma-separated IPs and CIDRs; none when unset. */
  TrustedProxies trustedProxies(String name) {
    try {
      return TrustedProxies.parse(text(name));
    } catch (IllegalArgumentException e) {
      problems.add(name + ": " + e.getMessage() + " (expected comma-separated IPs or CIDRs, like 10.0.0.0/8,::1)");
      return TrustedProxies.none();
    }
  }

  /** The variables must be set together or not at all. */
  void together(String... names) {
    long set = java.util.Arrays.stream(names).filter(n -> text(n) != null).count();
    if (set > 0 && set < names.length) {
      List<String> missing = java.util.Arrays.stream(names).filter(n -> text(n) == null).toList();
      problems.add(String.join(", ", missing) + ": must be set together with "
          + String.join(", ", java.util.Arrays.stream(names).filter(n -> text(n) != null).toList()));
    }
  }

  /** {@code dependent} needs {@code required} to be set too. */
  /** A Discord id (a snowflake: 17 to 20 digits), when set. */
  void snowflake(String name) {
    String value = text(name);
    if (value != null && !value.matches("[0-9]{17,20}")) {
      problems.add(name + ": must be a Discord id, 17 to 20 digits (got '" + value + "')");
    }
  }

  void requires(String dependent, String required) {
    if (text(dependent) != null && text(required) == null) {
      problems.add(required + ": must be set when " + dependent + " is set");
    }
  }
}
