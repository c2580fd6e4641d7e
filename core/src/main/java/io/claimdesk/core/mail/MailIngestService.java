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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import io.claimdesk.core.Ids;

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
  private final Object[] locks = new Object[64];
  /** The first mails of new threads a batch holds unwritten, by Message-ID, with that batch. */
  private final Map<String, Batch> unwritten = new ConcurrentHashMap<>();

  public MailIngestService(TicketStore tickets, MessageIndex messageIds, ContactStore contacts, EventRelay relay,
      Clock clock) {
    this.tickets = tickets;
    this.messageIds = messageIds;
    this.contacts = contacts;
    this.relay = relay;
    this.clock = clock;
    this.threads = new ThreadFinder(tickets, messageIds);
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** Stores the mail received by {@code mailbox}. Safe to call again with the same mail, also concurrently. */
  public Outcome ingest(InboundMail mail, String mailbox) {
    return locked(mail, () -> ingestOnce(mail, mailbox, messageIds.find(mail.messageId()), null, false));
  }

  /**
   * As {@link #ingest(InboundMail, String)}, for a caller that has just looked the mail's Message-ID up and found
   * it {@code known} (empty, or reserved and not stored): saves reading it again. Should another ingestion store the
   * mail in between, the reservation returns its entry and the mail is not stored twice. With a {@code batch}, the
   * last steps (the sender recorded, the Message-ID marked stored) are left to {@link Batch#finish}, and so is the
   * whole of a mail that opens a new thread: the outcome says where it will be stored, unless another ingestion
   * stores it first (then it goes where that one put it, and is not stored twice).
   */
  public Outcome ingest(InboundMail mail, String mailbox, Optional<MessageIndex.Entry> known, Batch batch) {
    return locked(mail, () -> ingestOnce(mail, mailbox, known, batch, batch != null));
  }

  /** A batch for {@link #ingest(InboundMail, String, Optional, Batch)}. */
  public Batch batch() {
    return new Batch();
  }

  /**
   * The last steps of many ingestions, gathered and done together by {@link #finish}: the mails that open new
   * threads written in a few writes for all (their Message-IDs reserved, their first messages, their tickets),
   * every sender recorded in a few more, every Message-ID marked stored in one. Until then the mails are not marked,
   * so an ingestion of one of them again (after a crash) does its steps again, adding nothing twice. A mail waiting
   * here to open its thread is written as soon as another ingestion needs it: one that names it (a reply to it) or
   * is another copy of it. Safe for concurrent ingestions.
   */
  public final class Batch {
    private record NewMail(InboundMail mail, String mailbox, String threadId) {}

    private final List<ContactStore.Sender> senders = new ArrayList<>();
    private final List<String> stored = new ArrayList<>();
    private final List<NewMail> opening = new ArrayList<>();
    /** Held while the mails of {@link #opening} are written; never taken while holding a mail's lock. */
    private final ReentrantLock writing = new ReentrantLock();
    private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();

    private Batch() {}

    private synchronized void add(InboundMail mail) {
      if (mail.from() != null) {
        senders.add(new ContactStore.Sender(mail.from(), mail.fromName()));
      }
      stored.add(mail.messageId());
    }

    private void open(NewMail mail) {
      // known as waiting before it waits: a write that takes it then always finds the entry to remove
      unwritten.put(mail.mail().messageId(), this);
      synchronized (this) {
        opening.add(mail);
      }
    }

    /**
     * Writes the new threads waiting in the batch, then records the senders, then marks the mails stored (last: a
     * mail marked stored is stored whole). A mail that could not be written is left unmarked, with
     * {@link #failure}.
     */
    public void finish() {
      write();
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

    /** Why the mail with this Message-ID, given to the batch to open a thread, could not be written, if it failed. */
    public Optional<RuntimeException> failure(String messageId) {
      return Optional.ofNullable(failures.get(messageId));
    }

    private synchronized List<NewMail> take() {
      List<NewMail> now = List.copyOf(opening);
      opening.clear();
      return now;
    }

    /**
     * Writes the mails waiting to open threads: their Message-IDs reserved, then their tickets with their first
     * messages, a few writes for all. A mail whose Message-ID or ticket is taken meanwhile (a copy of it stored by
     * another ingestion, an attempt cut off) goes the usual way, alone. A write that fails fails every mail in it
     * ({@link #failure}): which one caused it, if any did, shows when they are ingested again without a batch.
     */
    void write() {
      writing.lock();
      try {
        List<NewMail> now = take();
        if (now.isEmpty()) {
          return;
        }
        try {
          for (NewMail m : writeAll(now)) {
            try {
              synchronized (lock(m.mail())) {
                ingestOnce(m.mail(), m.mailbox(), messageIds.find(m.mail().messageId()), this, false);
              }
            } catch (RuntimeException e) {
              failures.put(m.mail().messageId(), e);
            }
          }
        } catch (RuntimeException e) {
          now.forEach(m -> failures.put(m.mail().messageId(), e));
        } finally {
          now.forEach(m -> unwritten.remove(m.mail().messageId(), this));
        }
      } finally {
        writing.unlock();
      }
    }

    /** Writes the new threads together; the mails left to write one by one. */
    private List<NewMail> writeAll(List<NewMail> mails) {
      Map<String, String> threads = new LinkedHashMap<>();
      List<NewMail> oneByOne = new ArrayList<>();
      List<NewMail> together = new ArrayList<>();
      for (NewMail m : mails) {
        if (threads.putIfAbsent(m.mail().messageId(), m.threadId()) == null) {
          together.add(m);
        } else {
          oneByOne.add(m); // a second copy of a mail
        }
      }
      Map<String, MessageIndex.Entry> reserved = messageIds.reserveAll(threads);
      List<NewMail> reservedHere = new ArrayList<>();
      for (NewMail m : together) {
        MessageIndex.Entry entry = reserved.get(m.mail().messageId());
        (entry.threadId().equals(m.threadId()) && !entry.stored() ? reservedHere : oneByOne).add(m);
      }
      List<TicketStore.Opening> openings = new ArrayList<>();
      for (NewMail m : reservedHere) {
        boolean automated = m.mail().noise() != InboundMail.Noise.NONE;
        openings.add(new TicketStore.Opening(m.threadId(), newThread(m.mail(), m.mailbox()),
            message(m.mail(), m.threadId(), automated),
            automated ? null : event(OutboxEvent.TICKET_CREATED, m.threadId(), m.mail())));
      }
      List<Optional<TicketStore.Appended>> opened = tickets.insertAllWithFirstMessage(openings);
      for (int i = 0; i < reservedHere.size(); i++) {
        if (opened.get(i).isEmpty()) {
          oneByOne.add(reservedHere.get(i));
          continue;
        }
        TicketEvent event = openings.get(i).event();
        if (event != null) {
          relay.publish(event.withVersion(opened.get(i).get().thread().version()));
        }
        add(reservedHere.get(i).mail());
      }
      return oneByOne;
    }
  }

  /**
   * Runs one ingestion of {@code mail} under its lock: the same mail arriving twice at once (IMAP and a webhook) is
   * handled one after the other in this process. A mail it names that waits in a batch to open its thread is
   * written first, so that it is found. So is a copy of the mail itself, though that is not needed to store it
   * once: whichever copy reserves the Message-ID first decides its thread, and the other finds it there.
   */
  private Outcome locked(InboundMail mail, Supplier<Outcome> ingestion) {
    batchesHolding(mail).forEach(Batch::write); // outside the lock: writing a batch takes the locks of its mails
    synchronized (lock(mail)) {
      return ingestion.get();
    }
  }

  private Object lock(InboundMail mail) {
    return locks[Math.floorMod(mail.messageId().hashCode(), locks.length)];
  }

  /** The batches holding, unwritten, this mail or a mail it names. */
  private Set<Batch> batchesHolding(InboundMail mail) {
    if (unwritten.isEmpty()) {
      return Set.of();
    }
    Set<Batch> holding = new HashSet<>();
    Stream.concat(Stream.of(mail.messageId(), mail.inReplyTo()), mail.references().stream())
        .filter(Objects::nonNull).map(unwritten::get).filter(Objects::nonNull).forEach(holding::add);
    return holding;
  }

  /** One ingestion; with {@code openLater}, a mail that opens a new thread is left to the batch to write. */
  private Outcome ingestOnce(InboundMail mail, String mailbox, Optional<MessageIndex.Entry> known, Batch batch,
      boolean openLater) {
    if (known.isPresent() && known.get().stored()) {
      return new Outcome(known.get().threadId(), mail.messageId(), false);
    }
    Optional<String> existing = known.map(MessageIndex.Entry::threadId).or(() -> threads.existing(mail));
    if (existing.isEmpty() && openLater) {
      String threadId = newThreadId();
      batch.open(new Batch.NewMail(mail, mailbox, threadId));
      return new Outcome(threadId, mail.messageId(), true);
    }
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
