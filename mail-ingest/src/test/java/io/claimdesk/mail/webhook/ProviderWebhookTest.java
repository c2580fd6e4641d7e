package io.claimdesk.mail.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mailgun (signed form posts) and Postmark (basic auth, JSON) inbound webhooks on a real port. */
class ProviderWebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "mailgun-signing-key-for-tests";
  private static final String MAIL = "From: Grace <grace@example.org>\r\nTo: support@example.com\r\n"
      + "Subject: Cannot export\r\nMessage-ID: <export-1@example.org>\r\n\r\nThe CSV is empty.\r\n";
  private final IngestServer server = new IngestServer((app, pipeline, stores) -> IngestRoutes.install(app, pipeline,
      new IngestRoutes.Credentials(null, KEY, "postmark", "postmark-password"), stores.webhookTokens(),
      Clock.systemUTC()));

  @AfterEach
  void close() {
    server.close();
  }

  private HttpResponse<String> mailgun(long timestamp, String token, String signature, String mime) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("timestamp", Long.toString(timestamp));
    form.put("token", token);
    form.put("signature", signature);
    form.put("body-mime", mime);
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return server.post("/api/ingest/mailgun", BodyPublishers.ofString(body),
        "Content-Type", "application/x-www-form-urlencoded");
  }

  private HttpResponse<String> signedMailgun(long timestamp, String token, String mime) {
    return mailgun(timestamp, token, MailgunSignature.sign(KEY, timestamp + token), mime);
  }

  private static String error(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("error").asText();
  }

  @Test
  void aSignedMailgunPostShouldBeStoredAndItsRetryStoredOnce() throws Exception {
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> first = signedMailgun(now, "token-1", MAIL);
    HttpResponse<String> retry = signedMailgun(now, "token-1", MAIL);
    HttpResponse<String> resent = signedMailgun(now, "token-2", MAIL);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(JSON.readTree(first.body()).path("created").asBoolean()).isTrue();
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(retry.body()).path("created").asBoolean()).isFalse();
    assertThat(JSON.readTree(resent.body()).path("created").asBoolean()).isFalse();
    assertThat(server.stores.tickets().count()).isEqualTo(1);
  }

  @Test
  void forgedStaleFutureAndReplayedMailgunPostsShouldBeRefused() throws Exception {
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> forged = mailgun(now, "t-forged", "00" + MailgunSignature.sign("wrong-key", now + "t").substring(2), MAIL);
    HttpResponse<String> stale = signedMailgun(now - 600, "t-stale", MAIL);
    HttpResponse<String> future = signedMailgun(now + 600, "t-future", MAIL);
    signedMailgun(now, "t-once", MAIL);
    HttpResponse<String> replayed = signedMailgun(now, "t-once", MAIL.replace("export-1", "export-evil"));

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(error(forged)).isEqualTo("Invalid Mailgun signature");
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(error(stale)).isEqualTo("Mailgun timestamp is more than 5 minutes away");
    assertThat(future.statusCode()).isEqualTo(401);
    assertThat(error(future)).isEqualTo("Mailgun timestamp is more than 5 minutes away");
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(error(replayed)).isEqualTo("Mailgun token already used for another mail: replayed request");
    assertThat(server.stores.messageIds().find("<export-evil@example.org>")).isEmpty();
    assertThat(server.stores.tickets().count()).isEqualTo(1);
  }

  private HttpResponse<String> postmark(String authorization, String json) {
    return authorization == null
        ? server.post("/api/ingest/postmark", BodyPublishers.ofString(json), "Content-Type", "application/json")
        : server.post("/api/ingest/postmark", BodyPublishers.ofString(json), "Content-Type", "application/json",
            "Authorization", authorization);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void postmarkShouldNeedItsCredentialsAndTheRawEmail() throws Exception {
    String payload = JSON.writeValueAsString(Map.of("From", "grace@example.org", "RawEmail", MAIL));

    HttpResponse<String> anonymous = postmark(null, payload);
    HttpResponse<String> wrong = postmark(basic("postmark", "guess"), payload);
    HttpResponse<String> noRaw = postmark(basic("postmark", "postmark-password"), "{\"From\":\"grace@example.org\"}");
    HttpResponse<String> ok = postmark(basic("postmark", "postmark-password"), payload);
    HttpResponse<String> again = postmark(basic("postmark", "postmark-password"), payload);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(error(anonymous)).isEqualTo("Invalid Postmark credentials");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(noRaw.statusCode()).isEqualTo(400);
    assertThat(error(noRaw)).startsWith("Missing RawEmail");
    assertThat(ok.statusCode()).isEqualTo(202);
    JsonNode stored = JSON.readTree(ok.body());
    assertThat(stored.path("created").asBoolean()).isTrue();
    assertThat(JSON.readTree(again.body()).path("created").asBoolean()).isFalse();
    assertThat(server.stores.tickets().count()).isEqualTo(1);
  }

  @Test
  void webhooksThatAreNotConfiguredShouldNotExist() {
    HttpResponse<String> raw = server.post("/api/ingest/raw", BodyPublishers.ofString(MAIL),
        "Authorization", "Bearer anything");
    assertThat(raw.statusCode()).isEqualTo(404);
  }
}
