package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole mail loop through the app as configured by the environment, against GreenMail's real IMAP and SMTP:
 * a customer mail in the mailbox becomes a ticket, an agent's reply through the API leaves by SMTP, and the
 * customer's answer to it, back in the mailbox, lands on the same ticket.
 */
class MailRoundTripTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void customerMailShouldBecomeATicketWhoseReplyAndAnswerStayOnIt(@TempDir Path dataDir) throws Exception {
    GREEN_MAIL.setUser("support@example.com", "support@example.com", "imap-secret");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    AppConfig config = AppConfig.fromEnv(Map.ofEntries(
        Map.entry("PORT", Integer.toString(port)),
        Map.entry("DATA_DIR", dataDir.toString()),
        Map.entry("DEMO", "true"),
        Map.entry("SUPPORT_ADDRESS", "support@example.com"),
        Map.entry("TEAM_NAME", "Example Support"),
        Map.entry("IMAP_HOST", "127.0.0.1"),
        Map.entry("IMAP_PORT", Integer.toString(GREEN_MAIL.getImap().getPort())),
        Map.entry("IMAP_SSL", "false"),
        Map.entry("IMAP_USER", "support@example.com"),
        Map.entry("IMAP_PASSWORD", "imap-secret"),
        Map.entry("IMAP_POLL_SECONDS", "1"),
        Map.entry("SMTP_HOST", "127.0.0.1"),
        Map.entry("SMTP_PORT", Integer.toString(GREEN_MAIL.getSmtp().getPort())),
        Map.entry("SMTP_TLS", "none")));
    try (Claimdesk app = Claimdesk.start(config, 4)) {
      deliver("From: Dev Patel <dev@example.org>\r\nTo: support@example.com\r\nSubject: VPN keeps dropping\r\n"
          + "Message-ID: <vpn-1@example.org>\r\n\r\nEvery ten minutes.\r\n");
      String token = token(port);
      JsonNode ticket = awaitTicket(port, token, "VPN keeps dropping");
      String id = ticket.path("_id").asText();

      HttpResponse<String> reply = post(port, "/api/emails/reply", token,
          "{\"threadId\":\"" + id + "\",\"body\":\"Please update the client to 4.2.\"}");
      assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
      String ourId = JSON.readTree(reply.body()).path("messageId").asText();
      MimeMessage sent = GREEN_MAIL.getReceivedMessagesForDomain("example.org")[0];
      assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo("<vpn-1@example.org>");
      assertThat(sent.getSubject()).startsWith("Re: VPN keeps dropping [#");

      deliver("From: dev@example.org\r\nTo: support@example.com\r\nSubject: " + sent.getSubject() + "\r\n"
          + "Message-ID: <vpn-2@example.org>\r\nIn-Reply-To: " + ourId + "\r\n\r\nThat fixed it, thanks.\r\n");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      JsonNode detail;
      do {
        Thread.sleep(100);
        detail = JSON.readTree(get(port, "/api/emails/tickets/" + id, token).body());
      } while (detail.path("messageCount").asInt() < 3 && System.nanoTime() < deadline);
      assertThat(detail.path("messageCount").asInt()).isEqualTo(3);
      assertThat(detail.path("messages").get(2).path("text").asText()).isEqualTo("That fixed it, thanks.");
      assertThat(detail.path("assignedToEmail").asText()).isEqualTo("ana@example.com");
    }
  }

  private static void deliver(String raw) throws Exception {
    GREEN_MAIL.getManagers().getUserManager().getUser("support@example.com").deliver(new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
  }

  private JsonNode awaitTicket(int port, String token, String subject) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode t : JSON.readTree(get(port, "/api/emails/tickets/unassigned", token).body()).path("tickets")) {
        if (subject.equals(t.path("subject").asText())) {
          return t;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no ticket '" + subject + "' within 30 s");
  }

  private String token(int port) throws Exception {
    return JSON.readTree(post(port, "/api/auth/token", null,
        "{\"email\":\"ana@example.com\",\"password\":\"" + DemoData.PASSWORD + "\"}").body()).path("token").asText();
  }

  private HttpResponse<String> post(int port, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
