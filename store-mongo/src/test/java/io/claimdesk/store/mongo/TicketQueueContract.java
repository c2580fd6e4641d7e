package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimdesk.core.claim.Via;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a {@link TicketStore} must do about its queues (unassigned, or owned by a member: oldest first, resolved
 * tickets left out) and its paged lists (newest first, by status and assignee, with the latest counters).
 */
interface TicketQueueContract extends StoreFixture {
  @Test
  default void queuesShouldListOldestFirstAndLeaveOutResolvedTickets() {
    TeamMember ana = member("Ana", Role.AGENT);
    EmailThread newer = ticket("newer", T0.plusSeconds(60));
    EmailThread older = ticket("older", T0);
    EmailThread resolved = ticket("resolved", T0.minusSeconds(60));
    tickets().setStatus(resolved.id(), null, TicketStatus.RESOLVED, event("status_changed", resolved.id()));
    EmailThread mine = ticket("mine", T0.minusSeconds(30));
    claims().claim(mine.id(), ana, Via.WEB);

    assertThat(tickets().unassigned(10)).extracting(EmailThread::id).containsExactly(older.id(), newer.id());
    assertThat(tickets().ownedBy(ana.id(), 10)).extracting(EmailThread::id).containsExactly(mine.id());
    assertThat(tickets().ownedBy("not-an-id", 10)).isEmpty();
  }

  @Test
  default void activityOfShouldGiveOneTicketsTimes() {
    TeamMember ana = member("Ana", Role.AGENT);
    EmailThread ticket = ticket("times", T0.minusSeconds(90));
    ticket("another", T0.minusSeconds(30));
    claims().claim(ticket.id(), ana, Via.WEB);

    io.claimdesk.core.ticket.TicketActivity activity = tickets().activityOf(ticket.id()).orElseThrow();
    assertThat(activity.threadId()).isEqualTo(ticket.id());
    assertThat(activity.receivedAt()).isEqualTo(T0.minusSeconds(90));
    assertThat(activity.firstClaimedAt()).isEqualTo(T0);
    assertThat(activity.ownerId()).isEqualTo(ana.id());
    assertThat(activity.firstReplyAt()).isNull();
    assertThat(tickets().activityOf("0123456789abcdef01234567")).isEmpty();
    assertThat(tickets().activityOf("not-an-id")).isEmpty();
  }

  @Test
  default void unresolvedFromShouldListACustomersOpenTicketsNewestFirst() {
    EmailThread older = tickets().insert(new NewThread("support@example.com", "older", "ana@example.org", "Ana",
        TicketStatus.OPEN, T0));
    EmailThread newer = tickets().insert(new NewThread("support@example.com", "newer", "ana@example.org", "Ana",
        TicketStatus.OPEN, T0.plusSeconds(60)));
    EmailThread otherAddress = tickets().insert(new NewThread("support@example.com", "other", "ana@work.example",
        "Ana", TicketStatus.OPEN, T0.plusSeconds(30)));
    EmailThread resolved = tickets().insert(new NewThread("support@example.com", "done", "ana@example.org", "Ana",
        TicketStatus.OPEN, T0.plusSeconds(90)));
    tickets().setStatus(resolved.id(), null, TicketStatus.RESOLVED, event("status_changed", resolved.id()));
    ticket("someone else", T0.plusSeconds(120));

    assertThat(tickets().unresolvedFrom(List.of("ana@example.org", "ana@work.example"), 10))
        .extracting(EmailThread::id).containsExactly(newer.id(), otherAddress.id(), older.id());
    assertThat(tickets().unresolvedFrom(List.of("ana@example.org"), 1)).extracting(EmailThread::id)
        .containsExactly(newer.id());
    assertThat(tickets().unresolvedFrom(List.of(), 10)).isEmpty();
  }

  @Test
  default void unresolvedFromShouldFindAVoicemailsTicketByTheCallersNumber() {
    EmailThread byMail = tickets().insert(new NewThread("support@example.com", "mail", "ana@example.org", "Ana",
        TicketStatus.OPEN, T0));
    EmailThread voicemail = tickets().insert(new NewThread("support@example.com", "Voicemail from +14155550101", null,
        "+14155550101", TicketStatus.OPEN, T0.plusSeconds(60), "+14155550101"));
    EmailThread both = tickets().insert(new NewThread("support@example.com", "Voicemail from +14155550101",
        "ana@example.org", "Ana", TicketStatus.OPEN, T0.plusSeconds(30), "+14155550101"));
    tickets().insert(new NewThread("support@example.com", "Voicemail from +14155550199", null, "+14155550199",
        TicketStatus.OPEN, T0.plusSeconds(90), "+14155550199"));

    assertThat(tickets().find(voicemail.id()).orElseThrow().customerPhone()).isEqualTo("+14155550101");
    assertThat(tickets().find(byMail.id()).orElseThrow().customerPhone()).isNull();
    assertThat(tickets().unresolvedFrom(List.of(), List.of("+14155550101"), 10)).extracting(EmailThread::id)
        .containsExactly(voicemail.id(), both.id());
    assertThat(tickets().unresolvedFrom(List.of("ana@example.org"), List.of("+14155550101"), 10))
        .extracting(EmailThread::id).containsExactly(voicemail.id(), both.id(), byMail.id());
    assertThat(tickets().unresolvedFrom(List.of("ana@example.org"), List.of("+14155550101"), 1))
        .extracting(EmailThread::id).containsExactly(voicemail.id());
    tickets().setStatus(voicemail.id(), null, TicketStatus.RESOLVED, event("status_changed", voicemail.id()));
    assertThat(tickets().unresolvedFrom(List.of(), List.of("+14155550101"), 10)).extracting(EmailThread::id)
        .containsExactly(both.id());
  }

  @Test
  default void listShouldPageNewestFirstWithoutRepeatsOrGaps() {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      // pairs share a timestamp so that the cursor must break ties by id
      created.add(ticket("t" + i, T0.plusSeconds(i / 2)).id());
    }
    List<EmailThread> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      TicketPage page = tickets().list(new TicketQuery(null, null, 10, cursor));
      seen.addAll(page.tickets());
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).extracting(EmailThread::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).receivedAt()).isBeforeOrEqualTo(seen.get(i - 1).receivedAt());
    }
    assertThatThrownBy(() -> tickets().list(new TicketQuery(null, null, 10, "garbage!")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void listsShouldShowTheLatestCountersAfterAMessageIsAppended() {
    EmailThread t = ticket("counted", T0);
    Instant later = T0.plusSeconds(600);
    TicketStore.Appended appended = tickets().append(t.id(), new ThreadMessage(null, t.id(),
        ThreadMessage.Direction.INBOUND, "<m1@example.org>", null, null, "c@example.org", "C",
        List.of("support@example.com"), null, later, "Hi", null, null, null), null);

    // the ticket as the append left it, equal to what a read finds
    assertThat(appended.thread().messageCount()).isEqualTo(1);
    assertThat(appended.thread().version()).isEqualTo(t.version() + 1);
    assertThat(appended.thread()).isEqualTo(tickets().find(t.id()).orElseThrow());
    assertThat(appended.message().messageId()).isEqualTo("<m1@example.org>");
    assertThat(tickets().message(t.id(), 1).orElseThrow().text()).isEqualTo("Hi");
    EmailThread listed = tickets().unassigned(10).get(0);
    assertThat(listed.messageCount()).isEqualTo(1);
    assertThat(listed.lastMessageAt()).isEqualTo(later);
    assertThat(tickets().list(new TicketQuery(TicketStatus.OPEN, null, 10, null)).tickets().get(0)
        .messageCount()).isEqualTo(1);
  }

  @Test
  default void listByStatusShouldPageNewestFirstExactlyAsTheDatabaseAnswers() {
    Stores stores = stores();
    TeamMember ana = member("Ana", Role.AGENT);
    Set<String> open = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      EmailThread t = ticket("t" + i, T0.plusSeconds(i / 3)); // threes share a timestamp
      if (i % 3 == 0) {
        tickets().setStatus(t.id(), null, TicketStatus.WAITING, event("status_changed", t.id()));
      } else {
        open.add(t.id());
        if (i % 3 == 1) {
          claims().claim(t.id(), ana, Via.API); // owned or not, still open
        }
      }
    }
    List<String> viaStore = new ArrayList<>();
    List<String> viaDatabase = new ArrayList<>();
    String cursor = null;
    do {
      TicketPage page = tickets().list(new TicketQuery(TicketStatus.OPEN, null, 7, cursor));
      page.tickets().forEach(t -> viaStore.add(t.id()));
      // the same cursor must continue on the plain database store: both write and read one cursor form
      TicketPage db = stores.tickets().list(new TicketQuery(TicketStatus.OPEN, null, 7, cursor));
      db.tickets().forEach(t -> viaDatabase.add(t.id()));
      assertThat(page.nextCursor()).isEqualTo(db.nextCursor());
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(viaStore).hasSize(20).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(open)
        .containsExactlyElementsOf(viaDatabase);
  }

  @Test
  default void listShouldFilterByStatusAndAssignee() {
    TeamMember ana = member("Ana", Role.AGENT);
    EmailThread waiting = ticket("waiting", T0);
    tickets().setStatus(waiting.id(), null, TicketStatus.WAITING, event("status_changed", waiting.id()));
    EmailThread claimed = ticket("claimed", T0);
    claims().claim(claimed.id(), ana, Via.API);
    EmailThread free = ticket("free", T0);

    assertThat(tickets().list(new TicketQuery(TicketStatus.WAITING, null, 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(waiting.id());
    assertThat(tickets().list(new TicketQuery(null, ana.id(), 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(claimed.id());
    assertThat(tickets().list(new TicketQuery(TicketStatus.OPEN, TicketQuery.UNASSIGNED, 10, null)).tickets())
        .extracting(EmailThread::id).containsExactly(free.id());
  }
}
