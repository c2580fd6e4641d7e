package io.claimdesk.mail.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.mail.InboundMail;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of the awkward-mail corpus ({@code src/test/resources/corpus}) against its line in
 * {@code expectations.tsv}: it parses (or may be quarantined where the file says so), and subject, sender,
 * readable text and flags come out as a person reading the mail would expect.
 */
class CorpusTest {
  private static TestDatabase db;
  private static MimeParser parser;
  private static AttachmentStore store;

  record Expectation(String file, boolean mustParse, String subject, String from, String text, Set<String> flags) {
    @Override
    public String toString() {
      return file;
    }
  }

  @BeforeAll
  static void open() {
    db = TestDatabase.embedded();
    store = MongoStores.open(db.database(), java.time.Clock.systemUTC()).attachments();
    parser = new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static Path corpus() throws URISyntaxException {
    return Path.of(CorpusTest.class.getResource("/corpus/expectations.tsv").toURI()).getParent();
  }

  static Stream<Expectation> expectations() throws IOException, URISyntaxException {
    List<String> lines = Files.readAllLines(corpus().resolve("expectations.tsv"), StandardCharsets.UTF_8);
    return lines.stream().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> {
      String[] f = l.split("\t", -1);
      Set<String> flags = f[5].equals("-") ? Set.of()
          : Arrays.stream(f[5].split(",")).map(String::strip).collect(Collectors.toSet());
      return new Expectation(f[0], f[1].equals("yes"), f[2], f[3], f[4], flags);
    });
  }

  @Test
  void corpusShouldHoldAtLeastFortyMessagesEachWithExpectations() throws Exception {
    try (Stream<Path> files = Files.list(corpus())) {
      Set<String> eml = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml"))
          .collect(Collectors.toSet());
      assertThat(eml).hasSizeGreaterThanOrEqualTo(40);
      assertThat(expectations().map(Expectation::file).collect(Collectors.toSet())).isEqualTo(eml);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void messageShouldParseAsAPersonWouldReadIt(Expectation e) throws Exception {
    ParseResult result = parser.parse(corpus().resolve(e.file()), store);
    if (!e.mustParse() && result instanceof ParseResult.Unparseable) {
      return; // quarantine is acceptable for this one
    }
    assertThat(result).as(e.file()).isInstanceOf(ParseResult.Parsed.class);
    InboundMail mail = ((ParseResult.Parsed) result).mail();

    assertThat(mail.messageId()).isNotBlank();
    assertThat(mail.message().text()).isNotNull().doesNotContain("\u0000");
    if (!e.subject().equals("-")) {
      assertThat(mail.subject()).as("subject").isEqualTo(e.subject());
    }
    if (!e.from().equals("-")) {
      assertThat(mail.message().from()).as("from").isEqualTo(e.from());
    }
    if (!e.text().equals("-")) {
      assertThat(mail.message().text()).as("text").contains(e.text());
    }
    // machine mail is recognized as such (a bounce may also carry auto-reply headers: it counts as a bounce)
    assertThat(mail.noise() != InboundMail.Noise.NONE).as("automated")
        .isEqualTo(e.flags().contains("auto_reply") || e.flags().contains("bounce"));
    if (e.flags().contains("bounce")) {
      assertThat(mail.noise()).as("bounce").isEqualTo(InboundMail.Noise.BOUNCE);
    }
    if (e.flags().contains("no_message_id")) {
      assertThat(mail.syntheticMessageId()).as("synthetic id").isTrue();
    }
    if (e.flags().contains("no_date")) {
      assertThat(mail.dateMissing()).as("date missing").isTrue();
    }
    if (e.flags().contains("no_from")) {
      assertThat(mail.message().from()).as("no from").isNull();
    }
    if (e.flags().contains("has_attachment") || e.flags().contains("attached_message")
        || e.flags().contains("calendar") || e.flags().contains("has_inline_image")) {
      assertThat(mail.message().attachments()).as("attachments").isNotEmpty();
    }
    if (e.flags().contains("html_only")) {
      assertThat(mail.message().html()).as("sanitized html").isNotNull().doesNotContainIgnoringCase("<script")
          .doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("onclick");
    }
    if (e.flags().contains("reply")) {
      assertThat(mail.message().inReplyTo() != null || !mail.message().references().isEmpty()).as("reply headers").isTrue();
    }
  }
}
