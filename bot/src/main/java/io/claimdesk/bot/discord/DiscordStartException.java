package io.claimdesk.bot.discord;

/** Discord refused or could not be reached at start: the message says which, in one line, without the token. */
public final class DiscordStartException extends RuntimeException {
  DiscordStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
