package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.ChatException;
import java.util.Set;
import java.util.function.Supplier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.HttpException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * Turns a failed JDA call into the {@link ChatException} kind the chat sync acts on: an unknown message is gone,
 * a refusal (missing access or permissions, unknown channel, bad token) is a configuration problem, and a server
 * error or a network failure is transient. A 429 rarely gets here: JDA waits out {@code Retry-After} and retries.
 */
final class DiscordCalls {
  private static final Set<ErrorResponse> GONE = Set.of(ErrorResponse.UNKNOWN_MESSAGE);

  private DiscordCalls() {}

  static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ChatException e) {
      throw e;
    } catch (ErrorResponseException e) {
      if (GONE.contains(e.getErrorResponse())) {
        throw new ChatException(ChatException.Kind.GONE, what + ": " + e.getMeaning(), null, e);
      }
      if (e.getErrorResponse() == ErrorResponse.SERVER_ERROR || e.getErrorCode() == -1
          || e.getResponse() != null && e.getResponse().code >= 500) {
        throw ChatException.transientFailure(what + ": Discord answered " + status(e), e);
      }
      throw new ChatException(ChatException.Kind.REJECTED, what + ": " + e.getMeaning(), null, e);
    } catch (HttpException e) {
      throw ChatException.transientFailure(what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof RateLimitedException limited) {
        throw ChatException.rateLimited(what + ": rate limited",
            java.time.Duration.ofMillis(Math.max(0, limited.getRetryAfter() - System.currentTimeMillis())));
      }
      // network failures and timeouts arrive wrapped in JDA's own exceptions
      throw ChatException.transientFailure(what + ": " + e, e);
    }
  }

  static void call(String what, Runnable call) {
    call(what, () -> {
      call.run();
      return null;
    });
  }

  private static String status(ErrorResponseException e) {
    return e.getResponse() == null ? e.getMeaning() : String.valueOf(e.getResponse().code);
  }
}
