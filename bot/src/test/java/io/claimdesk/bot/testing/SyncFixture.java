package io.claimdesk.bot.testing;

import io.claimdesk.core.store.Stores;
import io.claimdesk.bot.slack.SlackChatTarget;
import io.claimdesk.bot.sync.ChatSync;
import io.claimdesk.bot.sync.ChatSyncSettings;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.mail.InboundMail;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.store.embedded.QueueIndexedTicketStore;
import io.claimdesk.core.ticket.TicketStore;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real services on the embedded database with the fake Slack Web API, for chat sync tests and the bench:
 * tickets come in as mail through {@link MailIngestService}, claims go through {@link ClaimService}, and each
 * {@link #sync} is a real {@link ChatSync} on a {@link SlackChatTarget}, as the app wires them.
 */
public final class SyncFixture implements AutoCloseable {
  public static final String CHANNEL = "C0TICKETS";
  public static final String BASE_URL = "https://desk.example.com";

  public final TestDatabase db = TestDatabase.embedded();
  public final Clock clock = Clock.systemUTC();
  public final Stores stores = MongoStores.open(db.database(), clock);
  public final TicketStore tickets = new QueueIndexedTicketStore(stores.tickets());
  public final EventRelay relay = new EventRelay(tickets, stores.assignments(), stores.outbox(), clock,
      Duration.ZERO).start();
  public final ClaimService claims = new ClaimService(tickets, stores.team(), relay, clock);
  public final TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), clock);
  public final MailIngestService mail = new MailIngestService(tickets, stores.messageIds(), stores.contacts(), relay,
      clock);
  public final FakeSlackApi slack = FakeSlackApi.start();
  private final Slack slackClient;
  private final List<ChatSync> syncs = new ArrayList<>();

  public SyncFixture() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(slack.apiUrl());
    config.setStatsEnabled(false);
    slackClient = Slack.getInstance(config);
  }

  /** Settings fast enough for tests that are not about pacing. */
  public static ChatSyncSettings fast() {
    return new ChatSyncSettings(20, Duration.ofMillis(20), 20, Duration.ofMillis(20), Duration.ofMillis(200),
        Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(50),
        Duration.ofSeconds(2));
  }

  public MethodsClient methods() {
    return slackClient.methods("xoxb-test-token");
  }

  /** A chat sync of the test channel, not started. */
  public ChatSync sync(ChatSyncSettings settings) {
    ChatSync sync = new ChatSync(new SlackChatTarget(methods(), CHANNEL), tickets, stores.chatSync(),
        stores.outbox(), clock, settings, BASE_URL);
    syncs.add(sync);
    return sync;
  }

  public TeamMember member(String name, Role role) {
    return team.create(new NewMember(name, name.toLowerCase() + "@example.com", role, null, null, null),
        "password-of-" + name).orElseThrow();
  }

  /** A customer mail that opens a new ticket. */
  public EmailThread mail(String from, String subject, String text) {
    String id = "<" + UUID.randomUUID() + "@customer.example>";
    InboundMail inbound = new InboundMail(new ThreadMessage(null, null, ThreadMessage.Direction.INBOUND, id, null,
        List.of(), from, null, List.of("support@example.com"), List.of(), Instant.now(), text, null, List.of(), null),
        subject, false, false, InboundMail.Noise.NONE);
    return tickets.find(mail.ingest(inbound, "support@example.com").threadId()).orElseThrow();
  }

  public EmailThread ticket(String threadId) {
    return tickets.find(threadId).orElseThrow();
  }

  @Override
  public void close() {
    syncs.forEach(ChatSync::close);
    relay.close();
    slack.close();
    try {
      slackClient.close();
    } catch (Exception e) {
      // test teardown
    }
    db.close();
  }
}
