package io.claimdesk.mail.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.core.team.Role;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RawIngestWebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIL = """
      From: Carla <carla@example.org>\r
      To: support@example.com\r
      Subject: Order 1187 never arrived\r
      Message-ID: <order-1187@example.org>\r
      \r
      Where is it?\r
      """;
  private final IngestServer server =
      new IngestServer((app, pipeline, stores) -> IngestRoutes.install(app, pipeline,
          new IngestRoutes.Credentials(IngestServer.TOKEN, null, null, null), stores.webhookTokens(),
          java.time.Clock.systemUTC()));

  @AfterEach
  void close() {
    server.close();
  }

  private HttpResponse<String> postRaw(String body, String token) {
    return token == null
        ? server.post("/api/ingest/raw", BodyPublishers.ofString(body), "Content-Type", "message/rfc822")
        : server.post("/api/ingest/raw", BodyPublishers.ofString(body), "Content-Type", "message/rfc822",
            "Authorization", "Bearer " + token);
  }

  @Test
  void aMailShouldBeStoredOnceHoweverOftenItIsPosted() throws Exception {
    HttpResponse<String> first = postRaw(MAIL, IngestServer.TOKEN);
    HttpResponse<String> retry = postRaw(MAIL, IngestServer.TOKEN);

    assertThat(first.statusCode()).isEqualTo(202);
    JsonNode created = JSON.readTree(first.body());
    assertThat(created.path("created").asBoolean()).isTrue();
    assertThat(created.path("messageId").asText()).isEqualTo("<order-1187@example.org>");
    assertThat(retry.statusCode()).isEqualTo(202);
    JsonNode again = JSON.readTree(retry.body());
    assertThat(again.path("created").asBoolean()).isFalse();
    assertThat(again.path("threadId").asText()).isEqualTo(created.path("threadId").asText());
    assertThat(server.stores.tickets().count()).isEqualTo(1);
    assertThat(server.stores.tickets().find(created.path("threadId").asText()).orElseThrow().messageCount())
        .isEqualTo(1);
  }

  @Test
  void aWrongOrMissingTokenShouldBeRefusedAndStoreNothing() throws Exception {
    HttpResponse<String> wrong = postRaw(MAIL, "not-the-token");
    HttpResponse<String> missing = postRaw(MAIL, null);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrong.body()).path("error").asText()).isEqualTo("Invalid ingest token");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(server.stores.tickets().count()).isZero();
  }

  @Test
  void somethingThatIsNoMailShouldBeQuarantinedNotLost() throws Exception {
    HttpResponse<String> response = postRaw("%PDF-1.4 this is not a mail\n", IngestServer.TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("quarantined").asBoolean()).isTrue();
    assertThat(body.path("error").asText()).startsWith("no mail headers found");
    assertThat(server.stores.quarantine().count()).isEqualTo(1);
    assertThat(server.stores.quarantine().recent(5)).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("webhook:raw");
      assertThat(e.size()).isEqualTo(28);
    });
    assertThat(server.stores.tickets().count()).isZero();

    HttpResponse<String> forAdmins = server.get("/api/admin/quarantine", server.token("root", Role.ADMIN));
    assertThat(forAdmins.statusCode()).isEqualTo(200);
    JsonNode listed = JSON.readTree(forAdmins.body());
    assertThat(listed.path("count").asLong()).isEqualTo(1);
    assertThat(listed.path("entries").get(0).path("error").asText()).startsWith("no mail headers found");
    HttpResponse<String> forAgents = server.get("/api/admin/quarantine", server.token("agent", Role.AGENT));
    assertThat(forAgents.statusCode()).isEqualTo(403);
  }

  @Test
  void aMailOverTheLimitShouldBeRefusedWith413() throws Exception {
    String huge = MAIL + "x".repeat((int) IngestRoutes.MAX_MAIL_BYTES);
    long spooledBefore = spooled();
    HttpResponse<String> response = postRaw(huge, IngestServer.TOKEN);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(server.stores.tickets().count()).isZero();
    assertThat(spooled()).as("no temporary file left behind").isEqualTo(spooledBefore);
  }

  @Test
  void a413ShouldNameTheRawMailLimitInBytesAndMegabytes() {
    String expected = "{\"error\":\"Request body is larger than 52428800 bytes (50 MB)\"}";
    HttpResponse<String> declared = server.post("/api/ingest/raw", BodyPublishers.fromPublisher(
        BodyPublishers.ofInputStream(() -> new GeneratedMail(IngestRoutes.MAX_MAIL_BYTES + 1)),
        IngestRoutes.MAX_MAIL_BYTES + 1), "Content-Type", "message/rfc822",
        "Authorization", "Bearer " + IngestServer.TOKEN);
    // no length given: the body is sent chunked and the limit can only be found while reading
    HttpResponse<String> chunked = server.post("/api/ingest/raw",
        BodyPublishers.ofInputStream(() -> new GeneratedMail(IngestRoutes.MAX_MAIL_BYTES + 1024 * 1024)),
        "Content-Type", "message/rfc822", "Authorization", "Bearer " + IngestServer.TOKEN);

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.body()).isEqualTo(expected);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(chunked.body()).isEqualTo(expected);
    assertThat(server.stores.tickets().count()).isZero();
  }

  /** A mail of {@code size} bytes, made up as it is read. */
  private static final class GeneratedMail extends java.io.InputStream {
    private final byte[] head = MAIL.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final long size;
    private long position;

    GeneratedMail(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (position >= size) {
        return -1;
      }
      return position < head.length ? head[(int) position++] : (position++ % 77 == 76 ? '\n' : 'x');
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = (byte) read();
      }
      return n;
    }
  }

  @Test
  void aTwoMegabyteMailShouldBeAcceptedThroughATemporaryFileThatIsThenDeleted() throws Exception {
    String big = MAIL.replace("Where is it?", "Where is it? " + "y".repeat(2 * 1024 * 1024));
    long spooledBefore = spooled();
    HttpResponse<String> response = postRaw(big, IngestServer.TOKEN);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode stored = JSON.readTree(response.body());
    assertThat(stored.path("created").asBoolean()).isTrue();
    assertThat(server.stores.tickets().messages(stored.path("threadId").asText())).singleElement()
        .satisfies(m -> assertThat(m.text()).hasSizeGreaterThan(2 * 1024 * 1024).startsWith("Where is it? yyy"));
    assertThat(spooled()).as("no temporary file left behind").isEqualTo(spooledBefore);
  }

  /** The temporary files of posted mails in the temporary directory. */
  private static long spooled() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("claimdesk-mail-")).count();
    }
  }
}
