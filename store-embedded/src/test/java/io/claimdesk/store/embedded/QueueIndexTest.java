package io.claimdesk.store.embedded;

import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.TicketStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueIndexTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private final QueueIndex index = new QueueIndex();

  private static EmailThread ticket(String id, Instant receivedAt, String owner, TicketStatus status, long version) {
    Owner o = owner == null ? null : new Owner(owner, owner + "@example.com", owner, T0);
    return new EmailThread(id, "support@example.com", "s", "c@example.org", "C", status, o, receivedAt, receivedAt,
        0, version, List.of(), null);
  }

  @Test
  void queuesShouldBeOldestFirstAndFollowOwnerAndStatus() {
    index.apply(ticket("b", T0.plusSeconds(2), null, TicketStatus.OPEN, 1));
    index.apply(ticket("a", T0.plusSeconds(1), null, TicketStatus.OPEN, 1));
    index.apply(ticket("c", T0.plusSeconds(3), "ana", TicketStatus.WAITING, 2));
    assertThat(index.unassigned(10)).containsExactly("a", "b");
    assertThat(index.ownedBy("ana", 10)).containsExactly("c");

    index.apply(ticket("a", T0.plusSeconds(1), "ana", TicketStatus.OPEN, 2));
    index.apply(ticket("c", T0.plusSeconds(3), "ana", TicketStatus.RESOLVED, 3));
    assertThat(index.unassigned(10)).containsExactly("b");
    assertThat(index.ownedBy("ana", 10)).containsExactly("a");
    assertThat(index.unassigned(0)).isEmpty();
  }

  @Test
  void anUpdateArrivingAfterANewerOneShouldBeIgnored() {
    index.apply(ticket("a", T0, null, TicketStatus.OPEN, 1));
    index.apply(ticket("a", T0, null, TicketStatus.OPEN, 3)); // unclaimed at version 3
    index.apply(ticket("a", T0, "ana", TicketStatus.OPEN, 2)); // the claim at version 2, reported late

    assertThat(index.unassigned(10)).containsExactly("a");
    assertThat(index.ownedBy("ana", 10)).isEmpty();
  }

  @Test
  void aCustomersUnresolvedTicketsShouldBeFoundNewestMessageFirstAndLeaveWhenResolved() {
    index.apply(from("a", "ana@example.org", T0, TicketStatus.OPEN, 1));
    index.apply(from("b", "ana@example.org", T0.plusSeconds(60), TicketStatus.WAITING, 1));
    index.apply(from("c", "ana@work.example", T0.plusSeconds(30), TicketStatus.OPEN, 1));
    index.apply(from("d", "ben@example.org", T0.plusSeconds(90), TicketStatus.OPEN, 1));
    assertThat(index.fromCustomers(List.of("ana@example.org", "ana@work.example"), List.of(), 10))
        .extracting(EmailThread::id)
        .containsExactly("b", "c", "a");
    assertThat(index.fromCustomers(List.of("ana@example.org"), List.of(), 1)).extracting(EmailThread::id)
        .containsExactly("b");

    index.apply(from("b", "ana@example.org", T0.plusSeconds(60), TicketStatus.RESOLVED, 2));
    index.apply(from("a", "ana@example.org", T0.plusSeconds(120), TicketStatus.OPEN, 2)); // a new message
    assertThat(index.fromCustomers(List.of("ana@example.org", "ana@work.example"), List.of(), 10))
        .extracting(EmailThread::id)
        .containsExactly("a", "c");
    assertThat(index.fromCustomers(List.of("nobody@example.org"), List.of(), 10)).isEmpty();
    assertThat(index.fromCustomers(List.of(), List.of(), 10)).isEmpty();
  }

  @Test
  void aCallersVoicemailTicketsShouldBeFoundByTheirNumberAlongWithTheirAddressesOnce() {
    index.apply(phoned("v", null, "+14155550101", T0.plusSeconds(10), TicketStatus.OPEN, 1));
    index.apply(phoned("w", "ana@example.org", "+14155550101", T0.plusSeconds(20), TicketStatus.OPEN, 1));
    index.apply(from("a", "ana@example.org", T0, TicketStatus.OPEN, 1));
    index.apply(phoned("x", null, "+14155550199", T0.plusSeconds(30), TicketStatus.OPEN, 1));

    assertThat(index.fromCustomers(List.of(), List.of("+14155550101"), 10)).extracting(EmailThread::id)
        .containsExactly("w", "v");
    assertThat(index.fromCustomers(List.of("ana@example.org"), List.of("+14155550101"), 10))
        .extracting(EmailThread::id).containsExactly("w", "v", "a");

    index.apply(phoned("v", null, "+14155550101", T0.plusSeconds(10), TicketStatus.RESOLVED, 2));
    assertThat(index.fromCustomers(List.of(), List.of("+14155550101"), 10)).extracting(EmailThread::id)
        .containsExactly("w");
  }

  private static EmailThread phoned(String id, String customer, String phone, Instant lastMessageAt,
      TicketStatus status, long version) {
    return new EmailThread(id, "support@example.com", "s", customer, "C", status, null, T0, lastMessageAt, 1, version,
        List.of(), null, null, null, phone);
  }

  private static EmailThread from(String id, String customer, Instant lastMessageAt, TicketStatus status,
      long version) {
    return new EmailThread(id, "support@example.com", "s", customer, "C", status, null, T0, lastMessageAt, 1, version,
        List.of(), null);
  }
}
