package io.claimdesk.store.mongo;

import io.claimdesk.core.store.Stores;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.store.testing.TestDatabase;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.store.embedded.QueueIndexedTicketStore;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The contracts of the ticket store, and of the other ports it ran with before, through the queue-indexed store the
 * app uses with the embedded database, and checks that its in-memory queues agree with the database's own answer
 * after concurrent changes.
 */
class QueueIndexedStoreTest extends FreshStoresEachTest implements TicketStoreContract, TicketQueueContract,
    TicketMessagesContract, TicketSearchContract, EventOutboxContract, TeamStoreContract, ContactStoreContract, MessageIndexContract, ApiTokenStoreContract {
  @Override
  TestStores openStores() {
    return TestStores.on(TestDatabase.embedded(), QueueIndexedTicketStore::new);
  }

  @Override
  public TicketStore asStarted(TicketStore opened) {
    return new QueueIndexedTicketStore(opened);
  }

  @Test
  void indexShouldStartFromWhatIsAlreadyStoredLegacyTicketsIncluded() {
    Stores stores = stores();
    ObjectId legacy = new ObjectId();
    database().getCollection("email_threads").insertOne(new Document("_id", legacy)
        .append("subject", "no assignedTo field").append("status", "open").append("receivedAt", Date.from(T0)));
    EmailThread later = stores.tickets().insert(new io.claimdesk.core.ticket.NewThread("support@example.com",
        "later", "c@example.org", "C", TicketStatus.OPEN, T0.plusSeconds(5)));

    TicketStore fresh = new QueueIndexedTicketStore(stores.tickets());

    assertThat(fresh.unassigned(10)).extracting(EmailThread::id).containsExactly(legacy.toHexString(), later.id());
  }

  @Test
  void anIndexFollowingTheOutboxShouldSeeWhatAnotherProcessChanged() throws Exception {
    Stores stores = stores();
    EmailThread first = ticket("first", T0);
    EmailThread second = ticket("second", T0.plusSeconds(1));
    TeamMember ana = member("Ana", Role.AGENT);
    // another claimdesk on the same database: its own stores, its own index (this test's claims())
    long head = stores.outbox().head();
    QueueIndexedTicketStore other = new QueueIndexedTicketStore(MongoStores.open(database(), CLOCK).tickets());
    try (AutoCloseable following = other.followOutbox(stores.outbox(), head, java.time.Clock.systemUTC())) {
      assertThat(other.unassigned(10)).extracting(EmailThread::id).containsExactly(first.id(), second.id());

      assertThat(claims().claim(first.id(), ana, Via.WEB)).isInstanceOf(ClaimOutcome.Won.class);
      settle();

      long deadline = System.nanoTime() + 5_000_000_000L;
      while (other.unassigned(10).size() != 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(other.unassigned(10)).extracting(EmailThread::id).containsExactly(second.id());
      assertThat(other.ownedBy(ana.id(), 10)).extracting(EmailThread::id).containsExactly(first.id());
    }
    // without following, the same change goes unseen: the index knows only its own process's writes
    QueueIndexedTicketStore unfollowed = new QueueIndexedTicketStore(MongoStores.open(database(), CLOCK).tickets());
    assertThat(claims().claim(second.id(), ana, Via.WEB)).isInstanceOf(ClaimOutcome.Won.class);
    settle();
    Thread.sleep(600);
    assertThat(unfollowed.unassigned(10)).extracting(EmailThread::id).containsExactly(second.id());
  }

  @Test
  void queuesShouldMatchTheDatabaseAfterConcurrentClaimsUnclaimsAndStatusChanges() throws Exception {
    Stores stores = stores();
    TicketStore tickets = tickets();
    ClaimService claims = claims();
    List<TeamMember> members = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      members.add(member("Agent" + i, Role.MANAGER));
    }
    List<EmailThread> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(ticket("t" + i, T0.plusSeconds(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        Random random = new Random(w);
        work.add(pool.submit(() -> {
          for (int i = 0; i < 150; i++) {
            String id = all.get(random.nextInt(all.size())).id();
            TeamMember m = members.get(random.nextInt(members.size()));
            ClaimOutcome ignored = switch (random.nextInt(4)) {
              case 0 -> claims.claim(id, m, Via.API);
              case 1 -> claims.unclaim(id, m, Via.API);
              case 2 -> claims.reassign(id, m, members.get(random.nextInt(members.size())).id(), Via.API);
              default -> claims.changeStatus(id, m, TicketStatus.values()[random.nextInt(4)], Via.API);
            };
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(tickets.unassigned(1000)).extracting(EmailThread::id)
        .containsExactlyElementsOf(stores.tickets().unassigned(1000).stream().map(EmailThread::id).toList());
    for (TeamMember m : members) {
      assertThat(tickets.ownedBy(m.id(), 1000)).extracting(EmailThread::id)
          .containsExactlyElementsOf(stores.tickets().ownedBy(m.id(), 1000).stream().map(EmailThread::id).toList());
    }
  }
}
