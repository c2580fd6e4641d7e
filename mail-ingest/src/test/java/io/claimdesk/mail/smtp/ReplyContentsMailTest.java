package io.claimdesk.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.mail.parse.ParseResult;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.web.WebDependencies;
import io.claimdesk.web.WebServer;
import io.javalin.Javalin;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What reaches the mail server, through the real web server and SMTP sender into GreenMail: a note sends nothing;
 * a reply from the web form carries its CC, its attachments (name and bytes) and the customer's message quoted.
 */
class ReplyContentsMailTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final String SUPPORT = "support@example.com";
  private static final String PASSWORD = "password-of-ana";
  private static final String QUESTION = "From: Carla Diaz <carla@example.org>\r\nTo: support@example.com\r\n"
      + "Subject: Invoice twice\r\nMessage-ID: <q1@example.org>\r\nDate: Mon, 2 Nov 2026 09:15:00 +0000\r\n\r\n"
      + "I was charged twice.\r\nPlease refund one.\r\n";

  private TestDatabase db;
  private Stores stores;
  private EventRelay relay;
  private Javalin app;
  private String token;
  private String threadId;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() {
    db = TestDatabase.embedded();
    stores = MongoStores.open(db.database(), Clock.systemUTC());
    relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), Clock.systemUTC(), Duration.ZERO)
        .start();
    ClaimService claims = new ClaimService(stores.tickets(), stores.team(), relay, Clock.systemUTC());
    SmtpReplySender sender = new SmtpReplySender(new SmtpSettings("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), null,
        null, "none", Duration.ofSeconds(5)), SUPPORT, "Example Support", stores.attachments());
    ReplyService replies = new ReplyService(claims, stores.tickets(), relay, sender, stores.messageIds(),
        stores.pendingReplies(), Clock.systemUTC());
    TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), Clock.systemUTC());
    TeamMember ana = team.create(new NewMember("Ana Alvarez", "ana@example.com", Role.AGENT, null, null, null),
        PASSWORD).orElseThrow();
    token = team.issueToken(ana);
    app = WebServer.create(WebDependencies.of(stores, stores.tickets(), claims, replies, team, Clock.systemUTC(),
        false), config -> { });
    app.start("127.0.0.1", 0);
    MailIngestService ingest = new MailIngestService(stores.tickets(), stores.messageIds(), stores.contacts(), relay,
        Clock.systemUTC());
    MimeParser parser = new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC());
    threadId = ingest.ingest(((ParseResult.Parsed) parser.parse(QUESTION.getBytes(StandardCharsets.UTF_8),
        stores.attachments())).mail(), SUPPORT).threadId();
  }

  @AfterEach
  void stop() {
    app.stop();
    relay.close();
    db.close();
  }

  @Test
  void aNoteShouldReachNoMailServer() throws Exception {
    HttpResponse<String> note = send(request("/api/emails/note").header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"threadId\":\"" + threadId + "\",\"body\":\"Refund approved by finance\"}")));

    assertThat(note.statusCode()).isEqualTo(201);
    assertThat(GREEN_MAIL.waitForIncomingEmail(1_500, 1)).isFalse();
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(stores.tickets().messages(threadId)).extracting(ThreadMessage::direction)
        .containsExactly(ThreadMessage.Direction.INBOUND, ThreadMessage.Direction.NOTE);
  }

  @Test
  void aWebReplyShouldCarryItsCcItsAttachmentAndTheQuote() throws Exception {
    Session session = login();
    byte[] pdf = new byte[300 * 1024]; // past the in-memory part size: read back from the parser's temporary file
    new Random(7).nextBytes(pdf);

    HttpResponse<String> posted = send(multipart("/dashboard/tickets/" + threadId + "/reply", session,
        List.of(new Field("_csrf", session.csrf()), new Field("body", "Refunded, sorry!"),
            new Field("cc", "boss@example.org; ")), new FileField("attachments", "report 2026.pdf", pdf)));

    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    assertThat(GREEN_MAIL.waitForIncomingEmail(10_000, 2)).isTrue(); // one copy per recipient
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage mail = received[0];
    assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Address::toString))
        .containsExactly("carla@example.org");
    assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.CC)).map(Address::toString))
        .containsExactly("boss@example.org");
    assertThat(GREEN_MAIL.getReceivedMessagesForDomain("example.org")).hasSize(2);

    Multipart parts = (Multipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    String text = (String) parts.getBodyPart(0).getContent();
    assertThat(text.replace("\r\n", "\n")).isEqualTo("Refunded, sorry!\n\n"
        + "On Mon, 2 Nov 2026 at 09:15 UTC, Carla Diaz <carla@example.org> wrote:\n"
        + "> I was charged twice.\n> Please refund one.\n");
    Part file = parts.getBodyPart(1);
    assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(file.getFileName()).isEqualTo("report 2026.pdf");
    assertThat(file.getContentType()).startsWith("application/pdf");
    try (InputStream in = file.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(pdf);
    }
    ThreadMessage recorded = stores.tickets().messages(threadId).get(1);
    assertThat(recorded.cc()).containsExactly("boss@example.org");
    assertThat(recorded.attachments()).extracting(ThreadMessage.Attachment::filename, ThreadMessage.Attachment::size)
        .containsExactly(org.assertj.core.api.Assertions.tuple("report 2026.pdf", (long) pdf.length));
  }

  @Test
  void anAttachmentOverTheLimitShouldBeRefusedWithNothingSent() throws Exception {
    Session session = login();
    byte[] big = new byte[10 * 1024 * 1024 + 1];

    HttpResponse<String> posted = send(multipart("/dashboard/tickets/" + threadId + "/reply", session,
        List.of(new Field("_csrf", session.csrf()), new Field("body", "See attached")),
        new FileField("attachments", "huge.bin", big)));

    assertThat(posted.statusCode()).isEqualTo(413);
    assertThat(posted.body()).contains("Attachments are limited to 10 MB each and 25 MB in total: huge.bin is 10.0 MB");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(stores.tickets().find(threadId).orElseThrow().isOwned()).isFalse();
    assertThat(stores.tickets().messages(threadId)).hasSize(1);
  }

  @Test
  void aBadCcAddressShouldBeRefusedWithTheAddressNamed() throws Exception {
    Session session = login();

    HttpResponse<String> posted = send(multipart("/dashboard/tickets/" + threadId + "/reply", session,
        List.of(new Field("_csrf", session.csrf()), new Field("body", "Refunded"), new Field("cc", "boss@")), null));

    assertThat(posted.statusCode()).isEqualTo(400);
    assertThat(posted.body()).contains("Invalid CC address: boss@");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void aRefusedReplyShouldKeepNoneOfTheFilesItCarried() throws Exception {
    Session session = login();
    byte[] receipt = new byte[300 * 1024]; // more than one GridFS chunk
    new Random(11).nextBytes(receipt);

    HttpResponse<String> posted = send(multipart("/dashboard/tickets/" + threadId + "/reply", session,
        List.of(new Field("_csrf", session.csrf()), new Field("body", "Refunded"), new Field("cc", "boss@")),
        new FileField("attachments", "receipt.pdf", receipt)));

    assertThat(posted.statusCode()).isEqualTo(400);
    assertThat(posted.body()).contains("Invalid CC address: boss@");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(db.database().getCollection("attachments.files").countDocuments()).isZero();
    assertThat(db.database().getCollection("attachments.chunks").countDocuments()).isZero();
    assertThat(stores.tickets().find(threadId).orElseThrow().isOwned()).isFalse();
  }

  private record Session(String cookie, String csrf) {}

  private record Field(String name, String value) {}

  private record FileField(String name, String filename, byte[] bytes) {}

  private Session login() throws Exception {
    HttpResponse<String> form = send(request("/login").GET());
    String loginCookie = cookie(form, "claimdesk_login");
    String formToken = match(form.body(), "name=\"formToken\" value=\"([^\"]+)\"");
    String body = "formToken=" + enc(formToken) + "&email=" + enc("ana@example.com") + "&password=" + enc(PASSWORD);
    HttpResponse<String> signedIn = send(request("/login").header("Cookie", "claimdesk_login=" + loginCookie)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    String session = cookie(signedIn, "claimdesk_session");
    HttpResponse<String> page = send(request("/dashboard/tickets/" + threadId + "/reply")
        .header("Cookie", "claimdesk_session=" + session).GET());
    return new Session(session, match(page.body(), "name=\"csrf-token\" content=\"([^\"]+)\""));
  }

  private HttpRequest.Builder multipart(String path, Session session, List<Field> fields, FileField file) {
    String boundary = "----claimdesk" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Field f : fields) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name() + "\"\r\n\r\n"
          + f.value() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.name()
          + "\"; filename=\"" + file.filename() + "\"\r\nContent-Type: application/pdf\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(file.bytes());
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return request(path).header("Cookie", "claimdesk_session=" + session.cookie())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no cookie " + name));
  }

  private static String match(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("no " + regex + " in " + text);
    }
    return m.group(1);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
