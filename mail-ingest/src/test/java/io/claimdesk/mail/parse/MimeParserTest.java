package io.claimdesk.mail.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.mail.InboundMail;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.core.ticket.ThreadMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MimeParserTest {
  private static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");
  private final TestDatabase db = TestDatabase.embedded();
  private final AttachmentStore store = MongoStores.open(db.database(), java.time.Clock.systemUTC()).attachments();
  private final MimeParser parser = new MimeParser(1024, Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterEach
  void close() {
    db.close();
  }

  private InboundMail parse(String raw) {
    ParseResult result = parser.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1), store);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).mail();
  }

  @Test
  void plainMailShouldGiveHeadersAndText() {
    InboundMail mail = parse("""
        From: "Carla Diaz" <Carla@Example.org>
        To: support@example.com, Other <other@example.com>
        Cc: boss@example.org
        Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=
        Date: Tue, 3 Jun 2025 14:05:00 +0200
        Message-ID: <abc@example.org>
        In-Reply-To: <prev@example.com>
        References: <first@example.com>
         <prev@example.com>
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Hallo, sch=C3=B6ne Gr=C3=BC=C3=9Fe.
        """);

    assertThat(mail.message().from()).isEqualTo("carla@example.org");
    assertThat(mail.message().fromName()).isEqualTo("Carla Diaz");
    assertThat(mail.message().to()).containsExactly("support@example.com", "other@example.com");
    assertThat(mail.message().cc()).containsExactly("boss@example.org");
    assertThat(mail.subject()).isEqualTo("Grüße aus Köln");
    assertThat(mail.message().date()).isEqualTo(Instant.parse("2025-06-03T12:05:00Z"));
    assertThat(mail.messageId()).isEqualTo("<abc@example.org>");
    assertThat(mail.syntheticMessageId()).isFalse();
    assertThat(mail.message().inReplyTo()).isEqualTo("<prev@example.com>");
    assertThat(mail.message().references()).containsExactly("<first@example.com>", "<prev@example.com>");
    assertThat(mail.message().text()).isEqualTo("Hallo, schöne Grüße.");
    assertThat(mail.noise()).isEqualTo(InboundMail.Noise.NONE);
  }

  @Test
  void htmlOnlyMailShouldBeSanitizedAndGiveReadableText() {
    InboundMail mail = parse("""
        From: a@example.org
        Subject: html
        Content-Type: text/html; charset=utf-8

        <html><head><style>p{color:red}</style><script>alert(1)</script></head>
        <body><p onclick="steal()">Hello <b>there</b></p><a href="javascript:evil()">click</a>
        <img src="https://example.com/pixel.gif"><div>Second line</div></body></html>
        """);

    assertThat(mail.message().text()).contains("Hello there").contains("Second line").doesNotContain("alert").doesNotContain("color");
    assertThat(mail.message().html()).contains("<b>there</b>").doesNotContain("script").doesNotContain("onclick")
        .doesNotContain("javascript:").doesNotContain("style");
  }

  @Test
  void attachmentsShouldBeStreamedToStorageAndOversizedOnesOnlyRecorded() throws Exception {
    String small = java.util.Base64.getMimeEncoder().encodeToString("%PDF-1.4 tiny".getBytes(StandardCharsets.US_ASCII));
    String big = java.util.Base64.getMimeEncoder().encodeToString(new byte[4000]);
    InboundMail mail = parse("""
        From: a@example.org
        Subject: files
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        see attached
        --b1
        Content-Type: application/pdf; name="rates.pdf"
        Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf
        Content-Transfer-Encoding: base64

        SMALL
        --b1
        Content-Type: application/octet-stream
        Content-Disposition: attachment; filename="big.bin"
        Content-Transfer-Encoding: base64

        BIG
        --b1--
        """.replace("SMALL", small).replace("BIG", big));

    assertThat(mail.message().text()).isEqualTo("see attached");
    assertThat(mail.message().attachments()).hasSize(2);
    ThreadMessage.Attachment pdf = mail.message().attachments().get(0);
    assertThat(pdf.filename()).isEqualTo("€ rates.pdf");
    assertThat(pdf.contentType()).isEqualTo("application/pdf");
    assertThat(pdf.size()).isEqualTo(13);
    try (InputStream stored = store.open(pdf.storageId()).orElseThrow()) {
      assertThat(new String(stored.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 tiny");
    }
    ThreadMessage.Attachment tooBig = mail.message().attachments().get(1);
    assertThat(tooBig.storageId()).isNull();
    assertThat(tooBig.size()).isEqualTo(4000);
    assertThat(db.database().getCollection("attachments.files").countDocuments()).isEqualTo(1);
  }

  @Test
  void mailWithoutMessageIdShouldGetTheSameSyntheticIdEveryTime() {
    String raw = """
        From: a@example.org
        To: support@example.com
        Subject: no id
        Date: Tue, 3 Jun 2025 14:05:00 +0200

        body
        """;
    InboundMail first = parse(raw);
    InboundMail again = parse("Received: from relay.example.net\n" + raw);
    InboundMail other = parse(raw.replace("body", "another body"));

    assertThat(first.syntheticMessageId()).isTrue();
    assertThat(first.messageId()).startsWith("<synthetic-").endsWith("@claimdesk.invalid>");
    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(other.messageId()).isNotEqualTo(first.messageId());
  }

  @Test
  void missingHeadersShouldFallBackInsteadOfFailing() {
    InboundMail mail = parse("""
        Date: not a date at all
        Content-Type: text/plain; charset=x-unknown-foo

        Gr\u00c3\u00bc\u00c3\u009fe
        """);

    assertThat(mail.message().from()).isNull();
    assertThat(mail.subject()).isEmpty();
    assertThat(mail.message().date()).isEqualTo(NOW);
    assertThat(mail.dateMissing()).isTrue();
    assertThat(mail.message().text()).isEqualTo("Grüße");
  }

  @Test
  void bytesWithoutAnyMailHeaderShouldBeUnparseable() {
    ParseResult result = parser.parse("%PDF-1.4\n\u0000\u0001binary stuff\n".getBytes(StandardCharsets.ISO_8859_1), store);

    assertThat(result).isInstanceOf(ParseResult.Unparseable.class);
    assertThat(((ParseResult.Unparseable) result).reason()).startsWith("no mail headers found");
  }

  @Test
  void autoRepliesAndBouncesShouldBeRecognized() {
    assertThat(parse("From: a@example.org\nAuto-Submitted: auto-replied\n\nout of office\n").noise())
        .isEqualTo(InboundMail.Noise.AUTO_REPLY);
    assertThat(parse("From: a@example.org\nAuto-Submitted: no\n\nhello\n").noise())
        .isEqualTo(InboundMail.Noise.NONE);
    assertThat(parse("From: a@example.org\nPrecedence: bulk\n\nnews\n").noise())
        .isEqualTo(InboundMail.Noise.AUTO_REPLY);
    assertThat(parse("From: MAILER-DAEMON@example.net\n\nundeliverable\n").noise())
        .isEqualTo(InboundMail.Noise.BOUNCE);
    assertThat(parse("""
        From: relay@example.net
        Content-Type: multipart/report; report-type=delivery-status; boundary="r"

        --r
        Content-Type: text/plain

        Delivery failed.
        --r--
        """).noise()).isEqualTo(InboundMail.Noise.BOUNCE);
  }
}
