package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.AssignmentAction;
import io.claimdesk.core.claim.AssignmentEvent;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.PhoneNumbers;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.ThreadMessage.Direction;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo data reads like a team's real week: plausible claim times, answers only from owners, unique subjects. */
class DemoDataTest {
  private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
  private TestDatabase db;
  private Stores stores;
  private EventRelay relay;
  private List<EmailThread> tickets;

  @BeforeEach
  void seed() throws InterruptedException {
    db = TestDatabase.embedded();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    stores = MongoStores.open(db.database(), clock);
    relay = new EventRelay(stores.tickets(), stores.assignments(), stores.outbox(), clock, Duration.ZERO).start();
    TeamService team = new TeamService(stores.team(), stores.apiTokens(), new Secrets(4), clock);
    new DemoData(stores.tickets(), stores.contacts(), team, stores.team(), relay, clock).seedIfEmpty();
    assertThat(relay.awaitIdle(Duration.ofSeconds(10))).isTrue();
    tickets = stores.tickets().list(new TicketQuery(null, null, 200, null)).tickets();
  }

  @AfterEach
  void close() {
    relay.close();
    db.close();
  }

  @Test
  void claimsShouldFollowReceiptByMinutesAndCarryTheirTimeIntoTheHistory() {
    List<EmailThread> owned = tickets.stream().filter(EmailThread::isOwned).toList();
    assertThat(tickets).hasSize(30);
    assertThat(owned).hasSizeGreaterThanOrEqualTo(15);
    Set<Instant> claimTimes = new HashSet<>();
    for (EmailThread t : owned) {
      Duration afterReceipt = Duration.between(t.receivedAt(), t.owner().claimedAt());
      assertThat(afterReceipt).as(t.subject()).isBetween(Duration.ofMinutes(1), Duration.ofHours(1));
      assertThat(t.owner().claimedAt()).isBefore(NOW);
      claimTimes.add(t.owner().claimedAt());
      List<AssignmentEvent> history = stores.assignments().history(t.id());
      assertThat(history).as(t.subject()).first().satisfies(e -> {
        assertThat(e.action()).isEqualTo(AssignmentAction.CLAIMED);
        assertThat(e.at()).isEqualTo(t.owner().claimedAt());
      });
    }
    assertThat(claimTimes).hasSize(owned.size()); // no two claimed "at the seed time"
    System.out.println("claimed " + owned.size() + " of " + tickets.size() + "; e.g. received "
        + owned.get(0).receivedAt() + ", claimed " + owned.get(0).owner().claimedAt());
  }

  @Test
  void onlyOwnedTicketsShouldCarryAnswersAndEveryAnswerShouldFollowTheClaim() {
    int outbound = 0;
    int unownedWithOnlyCustomerMail = 0;
    for (EmailThread t : tickets) {
      List<ThreadMessage> messages = stores.tickets().messages(t.id());
      assertThat(messages).as(t.subject()).isNotEmpty();
      assertThat(messages.get(0).direction()).isEqualTo(Direction.INBOUND);
      for (ThreadMessage m : messages) {
        assertThat(m.text()).doesNotContain("(message");
        if (m.direction() == Direction.OUTBOUND || m.direction() == Direction.NOTE) {
          assertThat(t.isOwned()).as("answered but unowned: " + t.subject()).isTrue();
          assertThat(m.date()).isAfter(t.owner().claimedAt());
          assertThat(m.authorMemberId()).isEqualTo(t.owner().memberId());
          outbound++;
        }
      }
      if (!t.isOwned()) {
        unownedWithOnlyCustomerMail++;
        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
      }
    }
    assertThat(outbound).isGreaterThanOrEqualTo(15);
    assertThat(unownedWithOnlyCustomerMail).isGreaterThanOrEqualTo(5);
  }

  @Test
  void threadsShouldVaryAndOneShouldHoldAnInternalNote() {
    List<Integer> sizes = new ArrayList<>();
    int notes = 0;
    for (EmailThread t : tickets) {
      List<ThreadMessage> messages = stores.tickets().messages(t.id());
      sizes.add(messages.size());
      notes += (int) messages.stream().filter(m -> m.direction() == Direction.NOTE).count();
      assertThat(t.messageCount()).isEqualTo(messages.size());
    }
    assertThat(sizes.stream().filter(n -> n >= 3).count()).isGreaterThanOrEqualTo(3);
    assertThat(sizes.stream().filter(n -> n >= 5).count()).isGreaterThanOrEqualTo(1);
    assertThat(notes).isEqualTo(1);
    System.out.println("messages per ticket: " + sizes);
  }

  @Test
  void noSenderShouldAskTheSameSubjectTwiceAndContactsShouldHaveValidPhones() {
    Set<String> pairs = new HashSet<>();
    for (EmailThread t : tickets) {
      assertThat(pairs.add(t.customerEmail() + "|" + t.subject())).as(t.subject()).isTrue();
    }
    Set<String> senders = new HashSet<>();
    tickets.forEach(t -> senders.add(t.customerEmail()));
    for (String email : senders) {
      Contact c = stores.contacts().findByEmail(email).orElseThrow();
      assertThat(c.phones()).as(c.name()).isNotEmpty();
      for (String phone : c.phones()) {
        assertThat(PhoneNumbers.e164(phone)).as(c.name()).contains(phone);
      }
    }
    assertThat(senders).hasSize(8);
  }
}
