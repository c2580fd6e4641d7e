package io.claimdesk.core.mail;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * Stores an inbound mail on its thread, once. Threading, in order: In-Reply-To and References against every known
 * Message-ID (ours included); then the ticket tag in the subject, only when the sender already takes part in that
 * thread; otherwise a new thread. Every step can be repeated after a crash without a second thread or message: the
 * Message-ID is reserved first, with the id of the thread it goes to, and the message is appended only if the
 * thread does not hold it yet; the mail counts as stored only after every step (sender recorded, ticket reopened).
 * Customer mail reopens a resolved ticket; automated mail (auto-replies, bounces) is kept on its thread, flagged,
 * and changes nothing else.
 */
public final class MailIngestService {
  private static final Pattern TAG = Pattern.compile("\\[#([A-HJ-NP-Z2-9]{8})\\]");

  /** Where the mail went, and whether this call stored it ({@code false}: it was already there). */
  public record Outcome(String threadId, String messageId, boolean created) {}

  private final TicketStore tickets;
  private final MessageIndex messageIds;
  private final ContactStore contacts;
  private final EventRelay relay;
  private final Clock clock;
  private final Object[] locks = new Object[64];

  public MailIngestService(TicketStore tickets, MessageIndex messageIds, ContactStore contacts, EventRelay relay,
      Clock clock) {
    this.tickets = tickets;
    this.messageIds = messageIds;
    this.contacts = contacts;
    this.relay = relay;
    this.clock = clock;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** Stores the mail received by {@code mailbox}. Safe to call again with the same mail, also concurrently. */
  public Outcome ingest(InboundMail mail, String mailbox) {
    return locked(mail, () -> ingestOnce(mail, mailbox, messageIds.find(mail.messageId()), null));
  }

  /**
   * As {@link #ingest(InboundMail, String)}, for a caller that has just looked the mail's Message-ID up and found
   * it {@code known} (empty, or reserved and not stored): saves reading it again. Should another ingestion store the
   * mail in between, the reservation returns its entry and the mail is not stored twice. With a {@code batch}, the
   * last steps (the sender recorded, the Message-ID marked stored) are left to {@link Batch#finish}.
   */
  public Outcome ingest(InboundMail mail, String mailbox, Optional<MessageIndex.Entry> known, Batch batch) {
    return locked(mail, () -> ingestOnce(mail, mailbox, known, batch));
  }

  /** A batch for {@link #ingest(InboundMail, String, Optional, Batch)}. */
  public Batch batch() {
    return new Batch();
  }

  /**
   * The last steps of many ingestions, gathered and done together by {@link #finish}: every sender recorded in a
   * few writes, every Message-ID marked stored in one. Until then the mails are on their threads but not marked, so
   * an ingestion of one of them again (after a crash) does its steps again, adding nothing twice. Safe for
   * concurrent ingestions.
   */
  public final class Batch {
    private final List<ContactStore.Sender> senders = new ArrayList<>();
    private final List<String> stored = new ArrayList<>();

    private Batch() {}

    private synchronized void add(InboundMail mail) {
      if (mail.from() != null) {
        senders.add(new ContactStore.Sender(mail.from(), mail.fromName()));
      }
      stored.add(mail.messageId());
    }

    /** Records the senders, then marks the mails stored (last: a mail marked stored is stored whole). */
    public void finish() {
      List<ContactStore.Sender> sendersNow;
      List<String> storedNow;
      synchronized (this) {
        sendersNow = List.copyOf(senders);
        storedNow = List.copyOf(stored);
        senders.clear();
        stored.clear();
      }
      if (!sendersNow.isEmpty()) {
        contacts.recordSenders(sendersNow);
      }
      messageIds.markStored(storedNow);
    }
  }

  private Outcome locked(InboundMail mail, Supplier<Outcome> ingestion) {
    // the same mail arriving twice at once (IMAP and a webhook) is handled one after the other in this process
    synchronized (locks[Math.floorMod(mail.messageId().hashCode(), locks.length)]) {
      return ingestion.get();
    }
  }

  private Outcome ingestOnce(InboundMail mail, String mailbox, Optional<MessageIndex.Entry> known, Batch batch) {
    if (known.isPresent() && known.get().stored()) {
      return new Outcome(known.get().threadId(), mail.messageId(), false);
    }
    Optional<String> existing = known.map(MessageIndex.Entry::threadId).or(() -> existingThread(mail));
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
          message(mail, threadId, automated), event);
      if (opened.isPresent()) {
        if (event != null) {
          relay.publish(event.withVersion(opened.get().thread().version()));
        }
        return finish(mail, threadId, true, batch);
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
      tickets.appendMessage(threadId, message(mail, threadId, automated), event);
      if (event != null) {
        relay.publish(event.withVersion(thread.version() + 1));
      }
    }
    // also when a crash came between storing the message and reopening: this run is the one that finishes the job
    if (!automated && thread.status() == TicketStatus.RESOLVED) {
      reopen(thread);
    }
    return finish(mail, threadId, created, batch);
  }

  /** The last steps, now or with the batch: the sender recorded, then the mail marked stored. */
  private Outcome finish(InboundMail mail, String threadId, boolean created, Batch batch) {
    if (batch != null) {
      batch.add(mail);
    } else {
      if (mail.from() != null) {
        contacts.recordSender(mail.from(), mail.fromName());
      }
      // last, and journaled: every step before it is durable when it returns (they may have been deferred)
      messageIds.markStored(mail.messageId());
    }
    return new Outcome(threadId, mail.messageId(), created);
  }

  private Optional<String> existingThread(InboundMail mail) {
    List<String> references = new ArrayList<>();
    if (mail.inReplyTo() != null) {
      references.add(mail.inReplyTo());
    }
    List<String> newestFirst = new ArrayList<>(mail.references());
    Collections.reverse(newestFirst);
    references.addAll(newestFirst);
    Optional<String> byReference = messageIds.threadOf(references);
    if (byReference.isPresent()) {
      return byReference;
    }
    Matcher tag = TAG.matcher(mail.subject() == null ? "" : mail.subject());
    while (tag.find()) {
      Optional<EmailThread> tagged = tickets.findByTag(tag.group(1));
      if (tagged.isPresent() && takesPart(tagged.get(), mail.from())) {
        return Optional.of(tagged.get().id());
      }
    }
    return Optional.empty();
  }

  /** A tag alone is guessable: it only threads mail from someone already on the thread. */
  private boolean takesPart(EmailThread thread, String sender) {
    if (sender == null) {
      return false;
    }
    if (sender.equalsIgnoreCase(thread.customerEmail())) {
      return true;
    }
    for (ThreadMessage m : tickets.messages(thread.id())) {
      if (sender.equalsIgnoreCase(m.from()) || m.to().stream().anyMatch(sender::equalsIgnoreCase)
          || m.cc().stream().anyMatch(sender::equalsIgnoreCase)) {
        return true;
      }
    }
    return false;
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
    return new NewThread(mailbox, mail.subject(), mail.from(), mail.fromName(), status, clock.instant());
  }

  private static ThreadMessage message(InboundMail mail, String threadId, boolean automated) {
    return new ThreadMessage(null, threadId,
        automated ? ThreadMessage.Direction.AUTOMATED : ThreadMessage.Direction.INBOUND, mail.messageId(),
        mail.inReplyTo(), mail.references(), mail.from(), mail.fromName(), mail.to(), mail.cc(), mail.date(),
        mail.text(), mail.html(), mail.attachments(), null);
  }

  private TicketEvent event(String type, String threadId, InboundMail mail) {
    String sender = mail == null ? null : mail.from();
    return new TicketEvent(new ObjectId().toHexString(), type, threadId, null, sender, null, null, null, null,
        Via.AUTO.value(), 0, clock.instant());
  }

  /**
   * A new thread's id, kept in the Message-ID's reservation, where a retried ingestion finds the thread it began.
   * Ids increase with time, so new tickets and their messages are written at the end of the database's indexes
   * instead of anywhere in them.
   */
  private static String newThreadId() {
    return new ObjectId().toHexString();
  }
}
