package io.claimdesk.bot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the REST API ({@code GET gateway/bot}) where its gateway is. JDA's own session controller uses Discord's
 * fixed address instead, which would send a bot pointed at another API (a test's fake) to the real gateway. The
 * call also checks the token before anything else starts, so a bad one fails with one clear message.
 */
final class GatewayAddress {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GatewayAddress() {}

  static String fetch(String apiUrl, String token) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "gateway/bot"))
        .timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bot " + token)
        .header("User-Agent", "DiscordBot (https://github.com/claimdesk, 1)")
        .GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DiscordStartException("cannot reach Discord at " + apiUrl + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DiscordStartException("interrupted while asking Discord for its gateway", e);
    }
    if (response.statusCode() == 401) {
      throw new DiscordStartException("Discord refused DISCORD_BOT_TOKEN (401 Unauthorized)", null);
    }
    if (response.statusCode() != 200) {
      throw new DiscordStartException("Discord answered " + response.statusCode() + " to gateway/bot", null);
    }
    try {
      JsonNode url = JSON.readTree(response.body()).path("url");
      if (!url.isTextual()) {
        throw new DiscordStartException("Discord's gateway/bot answer has no url", null);
      }
      return url.asText();
    } catch (IOException e) {
      throw new DiscordStartException("Discord's gateway/bot answer is not JSON", e);
    }
  }
}
