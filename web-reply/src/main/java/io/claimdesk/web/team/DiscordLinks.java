package io.claimdesk.web.team;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-use links that connect a Discord user to the claimdesk member who opens one while signed in: a random
 * token valid for 10 minutes, used once. Kept in memory: a link is opened minutes after it is made, by the
 * instance that serves the dashboard, and a restart only means typing {@code /link} again.
 */
public final class DiscordLinks {
  static final Duration VALID = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Pending(String discordUserId, Instant until) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Clock clock;

  public DiscordLinks(Clock clock) {
    this.clock = clock;
  }

  /** A new token for this Discord user. */
  public String issue(String discordUserId) {
    Instant now = clock.instant();
    pending.values().removeIf(p -> !now.isBefore(p.until()));
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    pending.put(token, new Pending(discordUserId, now.plus(VALID)));
    return token;
  }

  /** The Discord user of a live token, without using it. */
  Optional<String> peek(String token) {
    Pending p = token == null ? null : pending.get(token);
    return p == null || !clock.instant().isBefore(p.until()) ? Optional.empty() : Optional.of(p.discordUserId());
  }

  /** The Discord user of a live token, which is used up by this call. */
  Optional<String> redeem(String token) {
    Pending p = token == null ? null : pending.remove(token);
    return p == null || !clock.instant().isBefore(p.until()) ? Optional.empty() : Optional.of(p.discordUserId());
  }
}
