package io.claimdesk.mail.smtp;

import io.claimdesk.core.store.Stores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.reply.PendingReply;
import io.claimdesk.core.reply.ReplyOutcome;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.mail.parse.MimeParser;
import io.claimdesk.mail.parse.ParseResult;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replies go out through GreenMail's real SMTP server with threading headers, and the answers thread back. */
class SmtpReplySenderTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
  private static final String SUPPORT = "support@example.com";

  private TestDatabase db;
  private Stores stores;
  private EventRelay relay;
  private ClaimService claims;
  private MailIngestService ingest;
  private final MimeParser parser = new MimeParser(MimeParser.DEFAULT_MAX_ATTACHMENT_BYTES, Clock.systemUTC());
  private TeamMember ana;

  @BeforeEach
  void open() {
    db = TestDatabase.embedded();
    stores = MongoStores.open(db.database(), Clock.systemUTC());
    relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), Clock.systemUTC(), Duration.ZERO)
        .start();
    claims = new ClaimService(stores.tickets(), stores.team(), relay, Clock.systemUTC());
    ingest = new MailIngestService(stores.tickets(), stores.messageIds(), stores.contacts(), relay, Clock.systemUTC());
    ana = stores.team().insert(new NewMember("Ana Alvarez", "ana@example.com", Role.AGENT, null, null, null), null)
        .orElseThrow();
  }

  @AfterEach
  void close() {
    relay.close();
    db.close();
  }

  private ReplyService replies(int port) {
    SmtpReplySender sender = new SmtpReplySender(
        new SmtpSettings("127.0.0.1", port, null, null, "none", Duration.ofSeconds(5)), SUPPORT, "Example Support");
    return new ReplyService(claims, stores.tickets(), relay, sender, stores.messageIds(), stores.pendingReplies(),
        Clock.systemUTC());
  }

  /** A loopback port nothing listens on: an SMTP server that refuses every connection. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private MailIngestService.Outcome deliver(String raw) {
    return ingest.ingest(((ParseResult.Parsed) parser.parse(raw.getBytes(StandardCharsets.UTF_8),
        stores.attachments())).mail(), SUPPORT);
  }

  private static final String QUESTION = "From: Carla Diaz <carla@example.org>\r\nTo: support@example.com\r\n"
      + "Subject: Re: AW: Invoice twice\r\nMessage-ID: <q2@example.org>\r\nReferences: <q1@example.org>\r\n"
      + "In-Reply-To: <q1@example.org>\r\n\r\nI was charged twice.\r\n";

  @Test
  void aReplyShouldLeaveWithThreadingHeadersAndTheAnswerShouldThreadBack() throws Exception {
    String threadId = deliver(QUESTION).threadId();
    EmailThread ticket = stores.tickets().find(threadId).orElseThrow();

    ReplyOutcome outcome = replies(GREEN_MAIL.getSmtp().getPort()).reply(threadId, ana, "Refunded, sorry!", Via.WEB);

    assertThat(outcome).isInstanceOf(ReplyOutcome.Sent.class);
    String ourId = ((ReplyOutcome.Sent) outcome).messageId();
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage sent = received[0];
    InternetAddress from = (InternetAddress) sent.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo(SUPPORT);
    assertThat(from.getPersonal()).isEqualTo("Ana Alvarez via Example Support");
    assertThat(((InternetAddress) sent.getReplyTo()[0]).getAddress()).isEqualTo(SUPPORT);
    assertThat(sent.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("carla@example.org");
    assertThat(sent.getSubject()).isEqualTo("Re: Invoice twice [#" + ticket.tag() + "]");
    assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo("<q2@example.org>");
    assertThat(sent.getHeader("References", null)).isEqualTo("<q1@example.org> <q2@example.org>");
    assertThat(sent.getMessageID()).isEqualTo(ourId).endsWith("@example.com>");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    sent.getDataHandler().writeTo(body);
    assertThat(body.toString(StandardCharsets.UTF_8)).contains("Refunded, sorry!");
    EmailThread afterReply = stores.tickets().find(threadId).orElseThrow();
    assertThat(afterReply.owner().email()).isEqualTo("ana@example.com");
    assertThat(afterReply.messageCount()).isEqualTo(2);

    MailIngestService.Outcome answer = deliver("From: carla@example.org\r\nTo: support@example.com\r\n"
        + "Subject: " + sent.getSubject().replace("Re:", "AW: Re:") + "\r\nMessage-ID: <q3@example.org>\r\n"
        + "In-Reply-To: " + ourId + "\r\n\r\nThanks!\r\n");
    assertThat(answer.threadId()).isEqualTo(threadId);
    assertThat(stores.tickets().find(threadId).orElseThrow().messageCount()).isEqualTo(3);
  }

  @Test
  void aRefusedSendShouldBeKeptAndItsRetrySendTheSameMailRecordedOnce() throws Exception {
    String threadId = deliver(QUESTION).threadId();
    int closedPort = closedPort();

    ReplyOutcome failed = replies(closedPort).reply(threadId, ana, "First try", Via.WEB);
    assertThat(failed).isInstanceOf(ReplyOutcome.SendFailed.class);
    String replyId = ((ReplyOutcome.SendFailed) failed).replyId();
    String unreachable = "The mail server 127.0.0.1:" + closedPort + " could not be reached (the connection was "
        + "refused). Check SMTP_HOST and SMTP_PORT, or try again later.";
    assertThat(((ReplyOutcome.SendFailed) failed).message()).isEqualTo(unreachable);
    assertThat(stores.tickets().find(threadId).orElseThrow().messageCount()).isEqualTo(1);
    List<PendingReply> kept = stores.pendingReplies().unsent(threadId);
    assertThat(kept).extracting(PendingReply::id, PendingReply::status, PendingReply::body, PendingReply::attempts)
        .containsExactly(tuple(replyId, PendingReply.Status.FAILED, "First try", 1));
    assertThat(kept.get(0).error()).isEqualTo(unreachable);
    // refused again while the server is still down: still one reply kept, two attempts
    assertThat(replies(closedPort).retry(replyId, ana, Via.WEB)).isInstanceOf(ReplyOutcome.SendFailed.class);
    assertThat(stores.pendingReplies().unsent(threadId)).singleElement()
        .satisfies(r -> assertThat(r.attempts()).isEqualTo(2));

    ReplyOutcome retried = replies(GREEN_MAIL.getSmtp().getPort()).retry(replyId, ana, Via.WEB);

    assertThat(retried).isInstanceOf(ReplyOutcome.Sent.class);
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    // the Message-ID fixed before the first attempt: a copy that did get out would be the same mail
    assertThat(received[0].getMessageID()).isEqualTo(kept.get(0).messageId())
        .isEqualTo(((ReplyOutcome.Sent) retried).messageId());
    assertThat(stores.tickets().find(threadId).orElseThrow().messageCount()).isEqualTo(2);
    assertThat(stores.tickets().messages(threadId).get(1).messageId()).isEqualTo(kept.get(0).messageId());
    assertThat(stores.pendingReplies().unsent(threadId)).isEmpty();
    assertThat(stores.pendingReplies().find(replyId).orElseThrow().status()).isEqualTo(PendingReply.Status.SENT);

    // a second click on the same retry sends nothing more
    ReplyOutcome again = replies(GREEN_MAIL.getSmtp().getPort()).retry(replyId, ana, Via.WEB);
    assertThat(again).isEqualTo(new ReplyOutcome.Conflict("This reply was sent already"));
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    assertThat(stores.tickets().find(threadId).orElseThrow().messageCount()).isEqualTo(2);
  }

  @Test
  void onlyItsAuthorShouldRetryAFailedReplyAndAManagerMayDiscardIt() throws Exception {
    String threadId = deliver(QUESTION).threadId();
    int closedPort = closedPort();
    TeamMember bo = stores.team().insert(new NewMember("Bo", "bo@example.com", Role.AGENT, null, null, null), null)
        .orElseThrow();
    TeamMember maria = stores.team().insert(new NewMember("Maria", "maria@example.com", Role.MANAGER, null, null,
        null), null).orElseThrow();
    String replyId = ((ReplyOutcome.SendFailed) replies(closedPort).reply(threadId, ana, "Hello", Via.WEB)).replyId();
    ReplyService live = replies(GREEN_MAIL.getSmtp().getPort());

    assertThat(live.retry(replyId, bo, Via.WEB)).isEqualTo(new ReplyOutcome.Refused(
        new ClaimOutcome.NotAllowed("You can only retry your own replies")));
    assertThat(live.discard(replyId, bo)).isEqualTo(new ReplyOutcome.Refused(
        new ClaimOutcome.NotAllowed("You can only discard your own replies")));
    assertThat(live.retry("0123456789abcdef01234567", ana, Via.WEB)).isEqualTo(new ReplyOutcome.NoSuchReply());
    assertThat(live.retry("not-an-id", ana, Via.WEB)).isEqualTo(new ReplyOutcome.NoSuchReply());

    assertThat(live.discard(replyId, maria)).isEqualTo(new ReplyOutcome.Discarded(replyId));

    assertThat(stores.pendingReplies().unsent(threadId)).isEmpty();
    assertThat(live.retry(replyId, ana, Via.WEB)).isEqualTo(new ReplyOutcome.Conflict("This reply was discarded"));
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(stores.tickets().find(threadId).orElseThrow().messageCount()).isEqualTo(1);
  }

  @Test
  void aReplyCutOffMidSendShouldBeSentAgainAsTheSameMailOnlyOnceItIsStale() throws Exception {
    String threadId = deliver(QUESTION).threadId();
    Instant now = Instant.now();
    // as a process that stopped between handing the reply over and hearing back leaves them
    PendingReply cutOff = stores.pendingReplies().begin(threadId, ana.id(), "Cut off", "<cut-off@example.com>",
        now.minus(PendingReply.STALE_AFTER).minusSeconds(1));
    PendingReply inFlight = stores.pendingReplies().begin(threadId, ana.id(), "In flight", "<in-flight@example.com>",
        now);
    ReplyService live = replies(GREEN_MAIL.getSmtp().getPort());

    assertThat(live.retry(inFlight.id(), ana, Via.WEB))
        .isEqualTo(new ReplyOutcome.Conflict("This reply is being sent"));
    assertThat(live.discard(inFlight.id(), ana)).isEqualTo(new ReplyOutcome.Conflict("This reply is being sent"));
    ReplyOutcome resent = live.retry(cutOff.id(), ana, Via.WEB);

    assertThat(resent).isInstanceOf(ReplyOutcome.Sent.class);
    assertThat(GREEN_MAIL.getReceivedMessages()).extracting(MimeMessage::getMessageID)
        .containsExactly("<cut-off@example.com>");
    assertThat(stores.pendingReplies().unsent(threadId)).extracting(PendingReply::id).containsExactly(inFlight.id());
  }

  @Test
  void aReplyCutOffAfterItWasRecordedShouldNotGoOutAgain() throws Exception {
    String threadId = deliver(QUESTION).threadId();
    Instant longAgo = Instant.now().minus(PendingReply.STALE_AFTER).minusSeconds(1);
    // the process stopped between recording the sent reply on the thread and marking it sent
    PendingReply recorded = stores.pendingReplies().begin(threadId, ana.id(), "Already out", "<out@example.com>",
        longAgo);
    stores.tickets().appendMessage(threadId, new ThreadMessage(null, threadId, ThreadMessage.Direction.OUTBOUND,
        "<out@example.com>", null, null, SUPPORT, "Ana Alvarez", List.of("carla@example.org"), null, longAgo,
        "Already out", null, null, ana.id()), null);

    PendingReply showing = stores.pendingReplies().begin(threadId, ana.id(), "Maybe out", "<maybe@example.com>",
        longAgo);
    ReplyService live = replies(GREEN_MAIL.getSmtp().getPort());

    // listed: only the one whose mail is not on the thread; the other is found sent on the way
    assertThat(live.unsent(threadId)).extracting(PendingReply::id).containsExactly(showing.id());
    ReplyOutcome again = live.retry(recorded.id(), ana, Via.WEB);

    assertThat(again).isEqualTo(new ReplyOutcome.Conflict("This reply was sent already"));
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(stores.tickets().find(threadId).orElseThrow().messageCount()).isEqualTo(2);
    assertThat(stores.pendingReplies().find(recorded.id()).orElseThrow().status()).isEqualTo(PendingReply.Status.SENT);
  }

  private ReplyService replies(int port, String user) {
    SmtpReplySender sender = new SmtpReplySender(
        new SmtpSettings("127.0.0.1", port, user, user == null ? null : "wrong-password", "none",
            Duration.ofSeconds(5)), SUPPORT, "Example Support");
    return new ReplyService(claims, stores.tickets(), relay, sender, stores.messageIds(), stores.pendingReplies(),
        Clock.systemUTC());
  }

  @Test
  void aRefusedSignInShouldBeSaidInOneSentence() throws Exception {
    String threadId = deliver(QUESTION).threadId();
    try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(java.util.Map.of("AUTH", "535 5.7.8 Authentication failed"))) {
      ReplyOutcome failed = replies(peer.port(), "support@example.com").reply(threadId, ana, "Hello", Via.WEB);

      assertThat(((ReplyOutcome.SendFailed) failed).message()).isEqualTo("The mail server 127.0.0.1:" + peer.port()
          + " refused the sign-in: check SMTP_USER and SMTP_PASSWORD.");
    }
  }

  @Test
  void aRefusedRecipientOrMailShouldQuoteTheServerOnce() throws Exception {
    String threadId = deliver(QUESTION).threadId();
    String recipient;
    String content;
    try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(java.util.Map.of("RCPT",
        "550 5.1.1 <carla@example.org>: Recipient address rejected"))) {
      recipient = ((ReplyOutcome.SendFailed) replies(peer.port(), null).reply(threadId, ana, "Hello", Via.WEB))
          .message();
    }
    try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer(java.util.Map.of("DATA", "554 5.7.1 Message rejected as spam"))) {
      String replyId = stores.pendingReplies().unsent(threadId).get(0).id();
      content = ((ReplyOutcome.SendFailed) replies(peer.port(), null).retry(replyId, ana, Via.WEB)).message();
    }

    System.out.println("refusals: " + recipient + " | " + content);
    assertThat(recipient).startsWith("The mail server 127.0.0.1:")
        .endsWith(" refused the address carla@example.org: 550 5.1.1 <carla@example.org>: Recipient address rejected.");
    assertThat(content).startsWith("The mail server 127.0.0.1:")
        .endsWith(" refused the reply: 554 5.7.1 Message rejected as spam.");
    assertThat(recipient + content).doesNotContain("nested exception");
  }
}
