package io.claimdesk.store.embedded;

import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.PageCursor;
import io.claimdesk.core.ticket.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The unresolved tickets in memory (each as of its latest version), ordered oldest first per owner and unassigned,
 * and newest first per status. Updates carry the ticket
 * version they produced, so one that arrives after a newer one (two writers finishing in the other order) is
 * ignored. Thread-safe.
 */
final class QueueIndex {
  private static final Comparator<Entry> OLDEST_FIRST =
      Comparator.comparing(Entry::receivedAt).thenComparing(Entry::id);

  private static final Comparator<Entry> NEWEST_FIRST = OLDEST_FIRST.reversed();

  private record Entry(String id, Instant receivedAt, String ownerId, TicketStatus status, EmailThread ticket) {}

  private final Map<String, Long> versions = new HashMap<>();
  private final Map<String, Entry> entries = new HashMap<>();
  private final NavigableSet<Entry> unassigned = new TreeSet<>(OLDEST_FIRST);
  private final Map<String, NavigableSet<Entry>> byOwner = new HashMap<>();
  private final Map<TicketStatus, NavigableSet<Entry>> byStatus = new EnumMap<>(TicketStatus.class);
  /** Each customer address's unresolved tickets: a caller's tickets found without a scan. */
  private final Map<String, Set<String>> byCustomer = new HashMap<>();
  /** Each caller number's unresolved voicemail tickets: those of a caller known only by number. */
  private final Map<String, Set<String>> byPhone = new HashMap<>();

  /** Whether the index holds this ticket at {@code version} or later (resolved tickets keep their version). */
  synchronized boolean knows(String threadId, long version) {
    Long known = versions.get(threadId);
    return known != null && known >= version;
  }

  /** Records the ticket's state at its version, unless a newer version is already recorded. */
  synchronized void apply(EmailThread ticket) {
    Long known = versions.get(ticket.id());
    if (known != null && known >= ticket.version()) {
      return;
    }
    versions.put(ticket.id(), ticket.version());
    Entry old = entries.remove(ticket.id());
    if (old != null) {
      queueOf(old.ownerId()).remove(old);
      statusOf(old.status()).remove(old);
      unkey(byCustomer, old.ticket().customerEmail(), old.id());
      unkey(byPhone, old.ticket().customerPhone(), old.id());
    }
    if (ticket.status() != TicketStatus.RESOLVED) {
      Instant receivedAt = ticket.receivedAt() == null ? Instant.EPOCH : ticket.receivedAt();
      Entry entry = new Entry(ticket.id(), receivedAt, ticket.isOwned() ? ticket.owner().memberId() : null,
          ticket.status(), ticket);
      entries.put(entry.id(), entry);
      queueOf(entry.ownerId()).add(entry);
      statusOf(entry.status()).add(entry);
      key(byCustomer, ticket.customerEmail(), entry.id());
      key(byPhone, ticket.customerPhone(), entry.id());
    }
  }

  private static void key(Map<String, Set<String>> keys, String key, String id) {
    if (key != null) {
      keys.computeIfAbsent(key, k -> new HashSet<>()).add(id);
    }
  }

  private static void unkey(Map<String, Set<String>> keys, String key, String id) {
    Set<String> ids = key == null ? null : keys.get(key);
    if (ids != null) {
      ids.remove(id);
      if (ids.isEmpty()) {
        keys.remove(key);
      }
    }
  }

  /**
   * Up to {@code limit} unresolved tickets from these customer addresses or caller numbers (as stored), newest
   * message first, each once, as last recorded.
   */
  synchronized List<EmailThread> fromCustomers(Collection<String> customerEmails, Collection<String> customerPhones,
      int limit) {
    Set<String> ids = new HashSet<>();
    customerEmails.forEach(email -> ids.addAll(byCustomer.getOrDefault(email, Set.of())));
    customerPhones.forEach(phone -> ids.addAll(byPhone.getOrDefault(phone, Set.of())));
    List<EmailThread> found = new ArrayList<>(ids.size());
    for (String id : ids) {
      found.add(entries.get(id).ticket());
    }
    found.sort(Comparator.comparing((EmailThread t) -> t.lastMessageAt() == null ? Instant.EPOCH : t.lastMessageAt())
        .thenComparing(EmailThread::id).reversed());
    return found.size() <= limit ? found : new ArrayList<>(found.subList(0, limit));
  }

  /**
   * The tickets with these ids as last recorded, in the order given; ids not indexed (resolved, unknown) are left
   * out.
   */
  synchronized List<EmailThread> tickets(List<String> ids) {
    List<EmailThread> result = new ArrayList<>(ids.size());
    for (String id : ids) {
      Entry entry = entries.get(id);
      if (entry != null) {
        result.add(entry.ticket());
      }
    }
    return result;
  }

  /** The ids of up to {@code limit} unassigned tickets, oldest first. */
  synchronized List<String> unassigned(int limit) {
    return first(unassigned, limit);
  }

  /** The ids of up to {@code limit} tickets of this owner, oldest first. */
  synchronized List<String> ownedBy(String memberId, int limit) {
    NavigableSet<Entry> queue = byOwner.get(memberId);
    return queue == null ? List.of() : first(queue, limit);
  }

  /**
   * The ids of up to {@code limit} tickets with this (unresolved) status, newest first, after the cursor position
   * when one is given.
   */
  synchronized List<String> newestWithStatus(TicketStatus status, PageCursor after, int limit) {
    NavigableSet<Entry> set = statusOf(status);
    if (after != null) {
      set = set.tailSet(new Entry(after.id(), Instant.ofEpochMilli(after.receivedAtMillis()), null, status, null), false);
    }
    return first(set, limit);
  }

  private NavigableSet<Entry> statusOf(TicketStatus status) {
    return byStatus.computeIfAbsent(status, s -> new TreeSet<>(NEWEST_FIRST));
  }

  private NavigableSet<Entry> queueOf(String ownerId) {
    return ownerId == null ? unassigned : byOwner.computeIfAbsent(ownerId, id -> new TreeSet<>(OLDEST_FIRST));
  }

  private static List<String> first(NavigableSet<Entry> queue, int limit) {
    List<String> ids = new ArrayList<>(Math.min(limit, queue.size()));
    for (Entry entry : queue) {
      if (ids.size() == limit) {
        break;
      }
      ids.add(entry.id());
    }
    return ids;
  }
}
