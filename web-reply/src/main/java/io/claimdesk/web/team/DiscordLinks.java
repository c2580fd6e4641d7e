package io.claimdesk.web.team;

import io.claimdesk.core.team.LinkTokenStore;
import io.claimdesk.core.team.Secrets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The single-use links that connect a Discord user to the claimdesk member who opens one while signed in: a random
 * token valid for 10 minutes, used once. Kept in the database by its SHA-256 ({@link LinkTokenStore}): the instance
 * that holds the Discord gateway makes the link, and whichever instance serves the dashboard redeems it.
 */
public final class DiscordLinks {
  static final Duration VALID = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final LinkTokenStore tokens;
  private final Clock clock;

  public DiscordLinks(LinkTokenStore tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  /** A new token for this Discord user. */
  public String issue(String discordUserId) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokens.insert(Secrets.hashToken(token), discordUserId, clock.instant().plus(VALID));
    return token;
  }

  /** The Discord user of a live token, without using it. */
  Optional<String> peek(String token) {
    return token == null ? Optional.empty() : tokens.peek(Secrets.hashToken(token));
  }

  /** The Discord user of a live token, which is used up by this call (on whichever instance calls it first). */
  Optional<String> redeem(String token) {
    return token == null ? Optional.empty() : tokens.take(Secrets.hashToken(token));
  }
}
