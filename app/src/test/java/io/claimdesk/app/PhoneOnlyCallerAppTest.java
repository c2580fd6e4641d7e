package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running app (embedded database, its in-memory queue index): a voicemail from a number nobody knows opens a
 * ticket; once a member claims it, the number's next call rings that member alone, and the softphone's caller card
 * lists the ticket. Webhooks signed as Twilio signs them.
 */
class PhoneOnlyCallerAppTest {
  private static final String AUTH_TOKEN = "app-test-twilio-auth-token";
  private static final String PUBLIC = "https://claimdesk.example.com";
  private static final String NUMBER = "+14155550177";

  @TempDir
  Path dataDir;

  @Test
  void aClaimedVoicemailTicketShouldRingItsOwnerWhenTheNumberCallsAgain() throws Exception {
    Map<String, String> twilio = Map.of("TWILIO_ACCOUNT_SID", "AC" + "1".repeat(32), "TWILIO_AUTH_TOKEN", AUTH_TOKEN,
        "PUBLIC_BASE_URL", PUBLIC);
    try (Claimdesk app = Claimdesk.start(SoftphoneTokenTest.config(dataDir, twilio), 4)) {
      String base = "http://127.0.0.1:" + app.port();
      HttpClient http = HttpClient.newHttpClient();
      JsonNode ana = SoftphoneTokenTest.signIn(http, base, "ana@example.com");
      String bearer = "Bearer " + ana.get("token").asText();
      assertThat(send(http, HttpRequest.newBuilder(URI.create(base + "/api/team/me/availability"))
          .header("Authorization", bearer).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"availability\":\"online\"}"))).statusCode()).isEqualTo(200);

      assertThat(signedPost(http, base, "/voice/voicemail", Map.of("CallSid", "CA" + "7".repeat(32), "From", NUMBER,
          "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
          "RecordingDuration", "9")).statusCode()).isEqualTo(200);
      String card = base + "/api/voice/caller-tickets?phone=" + URLEncoder.encode(NUMBER, StandardCharsets.UTF_8);
      JsonNode tickets = SoftphoneTokenTest.JSON.readTree(SoftphoneTokenTest.get(http, card, bearer).body())
          .get("tickets");
      assertThat(tickets).hasSize(1);
      assertThat(tickets.get(0).get("subject").asText()).isEqualTo("Voicemail from " + NUMBER);
      String ticketId = tickets.get(0).get("_id").asText();

      HttpResponse<String> claimed = send(http, HttpRequest.newBuilder(URI.create(base + "/api/emails/claim"))
          .header("Authorization", bearer).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"threadId\":\"" + ticketId + "\"}")));
      assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);

      HttpResponse<String> call = signedPost(http, base, "/voice/incoming", Map.of("CallSid", "CA" + "8".repeat(32),
          "From", NUMBER, "To", "+14155550100"));
      assertThat(call.statusCode()).isEqualTo(200);
      List<String> rung = new ArrayList<>();
      Matcher identity = Pattern.compile("<Identity>([^<]+)</Identity>").matcher(call.body());
      while (identity.find()) {
        rung.add(identity.group(1));
      }
      assertThat(rung).as(call.body()).containsExactly("agent_" + ana.get("memberId").asText());
      assertThat(call.body()).contains("statusCallback=\"" + PUBLIC + "/voice/status\"")
          .contains("action=\"" + PUBLIC + "/voice/dial-complete\"");
    }
  }

  private static HttpResponse<String> signedPost(HttpClient http, String base, String path,
      Map<String, String> form) throws Exception {
    Map<String, String> sorted = new TreeMap<>(form);
    StringBuilder signed = new StringBuilder(PUBLIC + path);
    StringBuilder body = new StringBuilder();
    sorted.forEach((k, v) -> {
      signed.append(k).append(v);
      body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature = Base64.getEncoder().encodeToString(mac.doFinal(
        signed.toString().getBytes(StandardCharsets.UTF_8)));
    return send(http, HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
