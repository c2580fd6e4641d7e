package io.claimdesk.core.mail;

import io.claimdesk.core.Ids;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.event.EventRelay;
import io.claimdesk.core.event.OutboxEvent;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Stores an inbound mail on its thread ({@link ThreadFinder}: its references, else its ticket tag from a
 * participant, else a new thread), once. Every step can be repeated after a crash without a second thread or
 * message: the Message-ID is reserved first, with the id of the thread it goes to, and the message is appended only
 * if the thread does not hold it yet; the mail counts as stored only after every step (sender recorded, ticket
 * reopened). Customer mail reopens a resolved ticket; automated mail (auto-replies, bounces) is kept on its thread,
 * flagged, and changes nothing else.
 */
public final class MailIngestService {
  /** Where the mail went, and whether this call stored it ({@code false}: it was already there). */
  public record Outcome(String threadId, String messageId, boolean created) {}

  private final TicketStore tickets;
  private final MessageIndex messageIds;
  private final ContactStore contacts;
  private final EventRelay relay;
  private final Clock clock;
  private final ThreadFinder threads;

  public MailIngestService(TicketStore tickets, MessageIndex messageIds, ContactStore contacts, EventRelay relay,
      Clock clock) {
    this.tickets = tickets;
    this.messageIds = messageIds;
    this.contacts = contacts;
    this.relay = relay;
    this.clock = clock;
    this.threads = new ThreadFinder(tickets, messageIds);
  }

  /**
   * Stores the mail received by {@code mailbox}. Safe to call again with the same mail, also concurrently (IMAP
   * and a webhook delivering one mail at once): whichever call reserves the Message-ID first decides its thread,
   * and the other finds it there.
   */
  public Outcome ingest(InboundMail mail, String mailbox) {
    Optional<MessageIndex.Entry> known = messageIds.find(mail.messageId());
    if (known.isPresent() && known.get().stored()) {
      return new Outcome(known.get().threadId(), mail.messageId(), false);
    }
    Optional<String> existing = known.map(MessageIndex.Entry::threadId).or(() -> threads.existing(mail));
    MessageIndex.Entry reserved = messageIds.reserve(mail.messageId(),
        existing.orElseGet(MailIngestService::newThreadId));
    if (reserved.stored()) {
      return new Outcome(reserved.threadId(), mail.messageId(), false);
    }
    String threadId = reserved.threadId();
    boolean automated = mail.noise() != InboundMail.Noise.NONE;
    if (!(existing.isPresent() && existing.get().equals(threadId))) {
      // most likely a new thread: opened with this mail as its first message in one step
      TicketEvent event = automated ? null : event(OutboxEvent.TICKET_CREATED, threadId, mail);
      Optional<TicketStore.Appended> opened = tickets.insertWithFirstMessage(threadId, newThread(mail, mailbox),
          mail.message().onThread(threadId), event);
      if (opened.isPresent()) {
        if (event != null) {
          relay.publish(event.withVersion(opened.get().thread().version()));
        }
        return finish(mail, threadId, true);
      }
    }
    // a thread that exists, or that an attempt cut off began: found, or created by the id reserved for it
    EmailThread thread = tickets.find(threadId)
        .orElseGet(() -> tickets.insertIfAbsent(threadId, newThread(mail, mailbox)));
    boolean created = !holds(thread, mail.messageId());
    if (created) {
      boolean first = thread.messageCount() == 0;
      TicketEvent event = automated ? null : event(first ? OutboxEvent.TICKET_CREATED : OutboxEvent.MESSAGE_ADDED,
          threadId, mail);
      TicketStore.Appended appended = tickets.append(threadId, mail.message().onThread(threadId), event);
      if (event != null) {
        relay.publish(event.withVersion(appended.thread().version()));
      }
    }
    // also when a crash came between storing the message and reopening: this run is the one that finishes the job
    if (!automated && thread.status() == TicketStatus.RESOLVED) {
      reopen(thread);
    }
    return finish(mail, threadId, created);
  }

  /** The last steps: the sender recorded, then the mail marked stored (a mail marked stored is stored whole). */
  private Outcome finish(InboundMail mail, String threadId, boolean created) {
    if (mail.message().from() != null) {
      contacts.recordSender(mail.message().from(), mail.message().fromName());
    }
    messageIds.markStored(mail.messageId());
    return new Outcome(threadId, mail.messageId(), created);
  }

  private boolean holds(EmailThread thread, String messageId) {
    return thread.messageCount() > 0
        && tickets.messages(thread.id()).stream().anyMatch(m -> messageId.equals(m.messageId()));
  }

  private void reopen(EmailThread thread) {
    String owner = thread.isOwned() ? thread.owner().memberId() : null;
    TicketEvent event = event(OutboxEvent.STATUS_CHANGED, thread.id(), null);
    tickets.setStatus(thread.id(), owner, TicketStatus.OPEN, event)
        .ifPresent(updated -> relay.publish(event.withVersion(updated.version())));
  }

  private NewThread newThread(InboundMail mail, String mailbox) {
    // automated mail that matches no thread is kept, but out of every queue
    TicketStatus status = mail.noise() == InboundMail.Noise.NONE ? TicketStatus.OPEN : TicketStatus.RESOLVED;
    return new NewThread(mailbox, mail.subject(), mail.message().from(), mail.message().fromName(), status,
        clock.instant());
  }

  private TicketEvent event(String type, String threadId, InboundMail mail) {
    String sender = mail == null ? null : mail.message().from();
    return new TicketEvent(Ids.next(), type, threadId, null, sender, null, null, null, null,
        Via.AUTO.value(), 0, clock.instant());
  }

  /**
   * A new thread's id, kept in the Message-ID's reservation, where a retried ingestion finds the thread it began.
   * Ids increase with time, so new tickets and their messages are written at the end of the database's indexes
   * instead of anywhere in them.
   */
  private static String newThreadId() {
    return Ids.next();
  }
}
