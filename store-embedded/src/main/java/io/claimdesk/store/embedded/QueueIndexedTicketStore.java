package io.claimdesk.store.embedded;

import io.claimdesk.core.ticket.ChatPost;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.PageCursor;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketActivity;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketSort;
import io.claimdesk.core.ticket.SortCursor;
import io.claimdesk.core.ticket.SearchableTicket;
import io.claimdesk.core.ticket.Snippet;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.event.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ticket store whose queues (unassigned, and each member's, and each customer's unresolved tickets, which a call
 * is routed by) are answered from an in-memory index instead of a query. For the embedded database, which has no secondary indexes: there every list query scans the collection
 * while holding its lock. The index is built by one scan at start and then kept by this store's own writes, so it
 * is exact only while every write goes through one instance of it, which is the case with the embedded database
 * (one process owns it). Listed tickets come from the copies the index keeps, each at its latest version.
 */
public final class QueueIndexedTicketStore implements TicketStore {
  private static final Logger log = LoggerFactory.getLogger(QueueIndexedTicketStore.class);

  private final TicketStore store;
  private final QueueIndex index;
  private final SearchIndex search;

  public QueueIndexedTicketStore(TicketStore store) {
    this.store = store;
    this.index = new QueueIndex();
    this.search = new SearchIndex();
    long start = System.nanoTime();
    int[] count = {0};
    store.forEachSearchable(searchable -> {
      index.apply(searchable.ticket()); // resolved tickets stay out of the queues
      search.put(searchable);
      count[0]++;
    });
    log.info("indexed {} tickets in {} ms", count[0], (System.nanoTime() - start) / 1_000_000);
  }

  private QueueIndexedTicketStore(TicketStore store, QueueIndex index, SearchIndex search) {
    this.store = store;
    this.index = index;
    this.search = search;
  }

  /**
   * Follows the outbox from {@code position} (take {@link EventOutbox#head()} before building this store, so
   * nothing falls between) and reads again the tickets other processes changed; for when this database is shared
   * through {@code EMBEDDED_MONGO_ADDRESS}. Close it to stop.
   */
  public AutoCloseable followOutbox(EventOutbox outbox, long position, Clock clock) {
    return new OutboxFollower(outbox, position, store, index, search, clock);
  }

  /**
   * The same index in front of {@code other}, a store of the same database that writes with another write concern
   * (the IMAP poller's, unjournaled): both keep the one index.
   */
  public TicketStore sharedWith(TicketStore other) {
    return new QueueIndexedTicketStore(other, index, search);
  }

  @Override
  public List<EmailThread> unassigned(int limit) {
    return fetch(index.unassigned(limit), t -> !t.isOwned() && t.status() != TicketStatus.RESOLVED);
  }

  @Override
  public List<EmailThread> ownedBy(String memberId, int limit) {
    return fetch(index.ownedBy(memberId, limit), t -> t.isOwnedBy(memberId) && t.status() != TicketStatus.RESOLVED);
  }

  private List<EmailThread> fetch(List<String> ids, Predicate<EmailThread> stillMatches) {
    // every write to this database goes through this store, so the index holds each ticket's latest version
    List<EmailThread> tickets = index.tickets(ids);
    List<EmailThread> matching = tickets.stream().filter(stillMatches).toList();
    if (matching.size() != ids.size()) {
      log.warn("queue index listed {} tickets that no longer match; it is kept only by this process's writes",
          ids.size() - matching.size());
    }
    return matching;
  }

  @Override
  public EmailThread insert(NewThread thread) {
    return indexed(store.insert(thread));
  }

  @Override
  public EmailThread insertIfAbsent(String threadId, NewThread thread) {
    return indexed(store.insertIfAbsent(threadId, thread));
  }

  @Override
  public Optional<Appended> insertWithFirstMessage(String threadId, NewThread thread, ThreadMessage message,
      TicketEvent event) {
    Optional<Appended> opened = store.insertWithFirstMessage(threadId, thread, message, event);
    opened.ifPresent(appended -> {
      index.apply(appended.thread());
      List<String> text = new ArrayList<>(SearchableTicket.threadText(thread.subject(), thread.customerEmail(),
          thread.customerName()));
      text.add(SearchableTicket.messageText(message));
      search.put(new SearchableTicket(appended.thread(), text));
    });
    return opened;
  }

  @Override
  public Optional<EmailThread> findByTag(String tag) {
    return store.findByTag(tag);
  }

  @Override
  public Optional<EmailThread> compareAndSetOwner(String threadId, String expectedOwnerId, Owner newOwner,
      TicketEvent event) {
    return store.compareAndSetOwner(threadId, expectedOwnerId, newOwner, event).map(this::indexed);
  }

  @Override
  public Optional<EmailThread> setStatus(String threadId, String expectedOwnerId, TicketStatus status,
      TicketEvent event) {
    return store.setStatus(threadId, expectedOwnerId, status, event).map(this::indexed);
  }

  private EmailThread indexed(EmailThread ticket) {
    index.apply(ticket);
    search.apply(ticket);
    return ticket;
  }

  @Override
  public Optional<EmailThread> find(String threadId) {
    return store.find(threadId);
  }

  @Override
  public List<EmailThread> findAll(List<String> threadIds) {
    return store.findAll(threadIds);
  }

  @Override
  public void forEachUnresolved(Consumer<EmailThread> action) {
    store.forEachUnresolved(action);
  }

  @Override
  public Appended append(String threadId, ThreadMessage message, TicketEvent event) {
    Appended appended = store.append(threadId, message, event);
    index.apply(appended.thread()); // counters and times changed: keep the listed copy current
    search.addMessage(appended.thread(), SearchableTicket.messageText(message));
    return appended;
  }

  @Override
  public List<TicketEvent> recentEvents(Instant from, Instant to) {
    return store.recentEvents(from, to);
  }

  @Override
  public List<ThreadMessage> messages(String threadId) {
    return store.messages(threadId);
  }

  @Override
  public Optional<ThreadMessage> message(String threadId, int number) {
    return store.message(threadId, number);
  }

  @Override
  public void addChatPost(String threadId, ChatPost post) {
    store.addChatPost(threadId, post);
  }

  /**
   * Pages of one unresolved status in arrival order (the dashboard's and API's usual filter) come from memory;
   * others, searches and other orders from the store.
   */
  @Override
  public TicketPage list(TicketQuery query) {
    if (query.q() != null) {
      return searched(query);
    }
    if (query.status() == null || query.status() == TicketStatus.RESOLVED || query.assignee() != null
        || query.sort() != TicketSort.RECEIVED) {
      return store.list(query);
    }
    PageCursor after = query.cursor() == null ? null : PageCursor.decode(query.cursor());
    List<String> ids = index.newestWithStatus(query.status(), after, query.limit() + 1);
    List<EmailThread> page = new ArrayList<>(fetch(ids, t -> t.status() == query.status()));
    String next = null;
    if (page.size() > query.limit()) {
      page.remove(page.size() - 1);
      next = PageCursor.after(page.get(page.size() - 1)).encode();
    }
    return new TicketPage(page, next);
  }

  /**
   * A search from memory; the snippets of the page from the store. In arrival order it stops at the page's end;
   * in another order it sorts every hit as the store would and pages by offset.
   */
  private TicketPage searched(TicketQuery query) {
    List<EmailThread> page;
    String next = null;
    if (query.sort() == TicketSort.RECEIVED) {
      PageCursor after = query.cursor() == null ? null : PageCursor.decode(query.cursor());
      page = new ArrayList<>(search.search(query.words(), query.status(), query.assignee(), after,
          query.limit() + 1));
      if (page.size() > query.limit()) {
        page.remove(page.size() - 1);
        next = PageCursor.after(page.get(page.size() - 1)).encode();
      }
    } else {
      int offset = query.cursor() == null ? 0 : SortCursor.decode(query.cursor(), query.sort()).offset();
      List<EmailThread> all = new ArrayList<>(search.search(query.words(), query.status(), query.assignee(), null,
          Integer.MAX_VALUE));
      all.sort(ListOrder.of(query.sort()));
      page = all.subList(Math.min(offset, all.size()), Math.min(offset + query.limit(), all.size()));
      if (offset + query.limit() < all.size()) {
        next = new SortCursor(query.sort(), offset + query.limit()).encode();
      }
    }
    return new TicketPage(page, next, store.snippets(page.stream().map(EmailThread::id).toList(), query.words()));
  }

  @Override
  public void forEachSearchable(Consumer<SearchableTicket> action) {
    store.forEachSearchable(action);
  }

  @Override
  public Optional<SearchableTicket> searchable(String threadId) {
    return store.searchable(threadId);
  }

  @Override
  public Map<String, Snippet> snippets(List<String> threadIds, List<String> words) {
    return store.snippets(threadIds, words);
  }

  @Override
  public List<TicketActivity> activity(Instant receivedSince) {
    return store.activity(receivedSince);
  }

  @Override
  public List<EmailThread> unresolvedFrom(Collection<String> customerEmails, Collection<String> customerPhones,
      int limit) {
    return index.fromCustomers(customerEmails, customerPhones, limit);
  }

  @Override
  public Optional<TicketActivity> activityOf(String threadId) {
    return store.activityOf(threadId);
  }

  @Override
  public long count() {
    return store.count();
  }
}
