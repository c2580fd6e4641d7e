package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls to a running claimdesk's JSON API and mail ingest, for the app tests that drive it over HTTP. */
final class ApiCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiCalls() {}

  /** The API token of {@code email}, from {@code POST /api/auth/token} of the claimdesk at {@code port}. */
  static String token(HttpClient http, int port, String email, String password)
      throws IOException, InterruptedException {
    return JSON.readTree(send(http, port, "POST", "/api/auth/token", null,
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").body()).path("token").asText();
  }

  /** A JSON request, waited for 10 s at most; no body when {@code json} is null, no bearer when {@code token} is. */
  static HttpResponse<String> send(HttpClient http, int port, String method, String path, String token, String json)
      throws IOException, InterruptedException {
    return send(http, port, Duration.ofSeconds(10), method, path, token, json);
  }

  /** A JSON request, waited for {@code timeout} at most. */
  static HttpResponse<String> send(HttpClient http, int port, Duration timeout, String method, String path,
      String token, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(port, path)).timeout(timeout)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A plain mail from {@code from} to the support address, with the Message-ID {@code <key@example.org>}. */
  static String mail(String key, String from, String subject, String text) {
    return "From: " + from + "\r\nTo: support@example.com\r\nSubject: " + subject + "\r\nMessage-ID: <" + key
        + "@example.org>\r\n\r\n" + text + "\r\n";
  }

  /** Posts a raw mail to {@code /api/ingest/raw}, which must accept it (202); the id of its ticket. */
  static String ingest(HttpClient http, int port, String ingestToken, String mail)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(port, "/api/ingest/raw"))
        .header("Authorization", "Bearer " + ingestToken).header("Content-Type", "message/rfc822")
        .POST(HttpRequest.BodyPublishers.ofString(mail)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).path("threadId").asText();
  }

  private static URI url(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
