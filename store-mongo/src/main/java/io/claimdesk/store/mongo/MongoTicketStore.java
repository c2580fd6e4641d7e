package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.ticket.ChatPost;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.TicketActivity;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.SearchableTicket;
import io.claimdesk.core.ticket.Snippet;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.ticket.ThreadMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Tickets in {@code email_threads}, messages in {@code thread_messages}. A message's id is
 * {@code <threadId>/<n>} with n from the thread's {@code messageCount}, so a thread's messages are read by id
 * alone, which every server answers from the {@code _id} index.
 */
final class MongoTicketStore implements TicketStore {
  static final Document WITHOUT_EVENTS = new Document("recentEvents", 0).append(SearchText.FIELD, 0);
  private static final FindOneAndUpdateOptions RETURN_OLD =
      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE).projection(WITHOUT_EVENTS);
  private static final FindOneAndUpdateOptions RETURN_NEW =
      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(WITHOUT_EVENTS);
  private static final Document ACTIVITY = new Document("status", 1).append("assignedTo", 1).append("receivedAt", 1)
      .append("claimedAt", 1).append("firstClaimedAt", 1).append("firstReplyAt", 1).append("lastInboundAt", 1)
      .append("lastReplyAt", 1);
  private static final Bson NOT_RESOLVED = ne("status", TicketStatus.RESOLVED.value());

  private final MongoCollection<Document> threads;
  private final MongoCollection<Document> messages;
  private final Clock clock;
  private final TicketLists lists;

  public MongoTicketStore(MongoDatabase db, Clock clock) {
    this.threads = db.getCollection("email_threads");
    this.messages = db.getCollection("thread_messages");
    this.clock = clock;
    this.lists = new TicketLists(threads, messages);
  }

  /** Declares the indexes the queries below need. */
  void createIndexes() {
    // The claim compare-and-set filters on exactly these keys; the embedded server only answers such a filter
    // from a unique index naming both. A missing assignedTo is indexed as null, so legacy tickets match too.
    threads.createIndex(Indexes.ascending("_id", "assignedTo"), new IndexOptions().unique(true).name("claim_cas"));
    threads.createIndex(Indexes.ascending("assignedTo", "receivedAt"), new IndexOptions().name("queue"));
    threads.createIndex(Indexes.ascending("recentEvents.at"), new IndexOptions().name("recent_events"));
    threads.createIndex(Indexes.ascending("customerEmail"), new IndexOptions().name("customer"));
    threads.createIndex(Indexes.ascending("customerPhone"), new IndexOptions().sparse(true).name("customer_phone"));
    threads.createIndex(Indexes.ascending("tag"), new IndexOptions().unique(true).sparse(true).name("tag"));
    threads.createIndex(Indexes.descending("receivedAt", "_id"), new IndexOptions().name("newest"));
    threads.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("receivedAt", "_id")),
        new IndexOptions().name("status_newest"));
  }

  @Override
  public Optional<EmailThread> find(String threadId) {
    return Ids.parse(threadId).map(id -> threads.find(eq("_id", id)).projection(WITHOUT_EVENTS).first())
        .map(ThreadDocs::thread);
  }

  @Override
  public Optional<EmailThread> compareAndSetOwner(String threadId, String expectedOwnerId, Owner newOwner,
      TicketEvent event) {
    Document firstClaim = newOwner == null ? null : new Document("firstClaimedAt", Docs.date(newOwner.claimedAt()));
    return casUpdate(threadId, expectedOwnerId, ThreadDocs.ownerFields(newOwner), firstClaim, event);
  }

  @Override
  public Optional<EmailThread> setStatus(String threadId, String expectedOwnerId, TicketStatus status,
      TicketEvent event) {
    return casUpdate(threadId, expectedOwnerId, new Document("status", status.value()), null, event);
  }

  /**
   * One findOneAndUpdate filtered on exactly {@code _id} and {@code assignedTo}, written as a plain document (the
   * driver's {@code Filters.and} renders {@code $and}, which the embedded server cannot answer from the claim_cas
   * index). It returns the document as it was before and applies the change here: the embedded server hands back
   * its live copy for "after", which a concurrent update can change before it is sent.
   */
  private Optional<EmailThread> casUpdate(String threadId, String expectedOwnerId, Document set, Document min,
      TicketEvent event) {
    Optional<ObjectId> id = Ids.parse(threadId);
    Optional<ObjectId> owner = Ids.parse(expectedOwnerId);
    if (id.isEmpty() || (expectedOwnerId != null && owner.isEmpty())) {
      return Optional.empty();
    }
    Document filter = new Document("_id", id.get()).append("assignedTo", owner.orElse(null));
    Document update = new Document("$set", set).append("$inc", new Document("version", 1L));
    if (min != null) {
      update.append("$min", min);
    }
    if (event != null) {
      update.append("$push", RecentEvents.push(event));
    }
    Document before = threads.findOneAndUpdate(filter, update, RETURN_OLD);
    if (before == null) {
      return Optional.empty();
    }
    Document after = new Document(before);
    after.putAll(set);
    after.put("version", Docs.longValue(before, "version") + 1);
    return Optional.of(ThreadDocs.thread(after));
  }

  @Override
  public EmailThread insert(NewThread thread) {
    return insertIfAbsent(new ObjectId().toHexString(), thread);
  }

  @Override
  public EmailThread insertIfAbsent(String threadId, NewThread thread) {
    return insertNew(new ObjectId(threadId), thread, new Document()).map(ThreadDocs::thread)
        .orElseGet(() -> find(threadId).orElseThrow(() -> new IllegalStateException("ticket " + threadId
            + " exists and does not")));
  }

  @Override
  public Optional<Appended> insertWithFirstMessage(String threadId, NewThread thread, ThreadMessage message,
      TicketEvent event) {
    Document messageDoc = ThreadDocs.message(message, messageKey(threadId, 1));
    Date at = Docs.date(message.date() == null ? clock.instant() : message.date());
    messageDoc.put("date", at);
    // the message first: a ticket never counts a message that is not there. A message taken means the ticket
    // exists, or an attempt was cut off between the two writes: that ticket is left to the caller
    if (!Collections.insertWhereFree(messages, List.of(messageDoc)).isEmpty()) {
      return Optional.empty();
    }
    return insertNew(new ObjectId(threadId), thread, ThreadDocs.firstMessageFields(thread, message, event, at))
        .map(doc -> new Appended(ThreadDocs.message(messageDoc), ThreadDocs.thread(doc)));
  }

  /**
   * Inserts a new ticket, {@code fields} over those of a ticket without messages, drawing another tag while the
   * drawn one is taken; the document inserted, or empty when a ticket with this id exists.
   */
  private Optional<Document> insertNew(ObjectId id, NewThread thread, Document fields) {
    for (int attempt = 0; attempt < 8; attempt++) {
      Document doc = ThreadDocs.newTicket(id, thread, fields);
      try {
        threads.insertOne(doc);
        return Optional.of(doc);
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        if (threads.find(eq("_id", id)).projection(new Document("_id", 1)).first() != null) {
          return Optional.empty();
        }
        // not this id: the random tag was taken; draw another
      }
    }
    throw new IllegalStateException("no free ticket tag after 8 draws");
  }


  @Override
  public Optional<EmailThread> findByTag(String tag) {
    return Optional.ofNullable(threads.find(eq("tag", tag)).projection(WITHOUT_EVENTS).first()).map(ThreadDocs::thread);
  }

  /**
   * The message first, in the slot after the last one counted (the next free one when another append took it), then
   * the ticket counts up to that slot with one update that also records the event. A crash between the two leaves
   * the message in a slot the ticket does not count: the same message appended again finds it there and only
   * counts it, so the count and the event move once per message whatever point a kill hits.
   */
  @Override
  public Appended append(String threadId, ThreadMessage message, TicketEvent event) {
    ObjectId id = Ids.parse(threadId).orElseThrow(() -> new IllegalArgumentException("not a thread id: " + threadId));
    Document counted = threads.find(eq("_id", id)).projection(new Document("messageCount", 1)).first();
    if (counted == null) {
      throw new IllegalArgumentException("no such thread: " + threadId);
    }
    Date at = Docs.date(message.date() == null ? clock.instant() : message.date());
    int slot = Docs.intValue(counted, "messageCount");
    Document doc;
    boolean cutOff = false;
    do {
      slot++;
      doc = ThreadDocs.message(message, messageKey(threadId, slot));
      doc.put("date", at);
      if (Collections.insertWhereFree(messages, List.of(doc)).isEmpty()) {
        break;
      }
      Document there = messages.find(eq("_id", messageKey(threadId, slot))).first();
      cutOff = there != null && message.messageId() != null && message.messageId().equals(there.getString("messageId"));
      if (cutOff) {
        doc = there; // written by an attempt cut off before its ticket counted it
      }
    } while (!cutOff);
    Document max = new Document("messageCount", slot).append("lastMessageAt", at);
    Document update = new Document("$max", max).append("$inc", new Document("version", 1L));
    if (ThreadDocs.fromCustomer(message)) {
      max.append("lastInboundAt", at);
    } else if (message.direction() == ThreadMessage.Direction.OUTBOUND) {
      max.append("lastReplyAt", at);
      update.append("$min", new Document("firstReplyAt", at));
    }
    Document push = new Document(SearchText.FIELD, SearchText.messagePart(message));
    if (event != null) {
      push.putAll(RecentEvents.push(event));
    }
    update.append("$push", push);
    // a message found cut off is counted only if nothing counted it since (a copy of it stored meanwhile)
    Document after = threads.findOneAndUpdate(cutOff ? and(eq("_id", id), lt("messageCount", slot)) : eq("_id", id),
        update, RETURN_NEW);
    if (after == null) {
      after = threads.find(eq("_id", id)).projection(WITHOUT_EVENTS).first();
    }
    return new Appended(ThreadDocs.message(doc), ThreadDocs.thread(after));
  }

  @Override
  public List<TicketEvent> recentEvents(Instant from, Instant to) {
    Document window = new Document("$gte", Date.from(from)).append("$lt", Date.from(to));
    List<TicketEvent> result = new ArrayList<>();
    threads.find(new Document("recentEvents", new Document("$elemMatch", new Document("at", window))))
        .projection(new Document("recentEvents", 1).append("version", 1))
        .forEach(doc -> {
          for (Document event : doc.getList("recentEvents", Document.class, List.of())) {
            TicketEvent e = RecentEvents.event(event, Ids.hex(doc.get("_id")), Docs.longValue(doc, "version"));
            if (!e.at().isBefore(from) && e.at().isBefore(to)) {
              result.add(e);
            }
          }
        });
    return result;
  }

  @Override
  public List<ThreadMessage> messages(String threadId) {
    Optional<EmailThread> thread = find(threadId);
    if (thread.isEmpty() || thread.get().messageCount() == 0) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (int n = 1; n <= thread.get().messageCount(); n++) {
      keys.add(messageKey(threadId, n));
    }
    List<ThreadMessage> result = new ArrayList<>();
    messages.find(in("_id", keys)).sort(Sorts.ascending("_id")).forEach(doc -> result.add(ThreadDocs.message(doc)));
    return result;
  }

  @Override
  public Optional<ThreadMessage> message(String threadId, int number) {
    return Optional.ofNullable(messages.find(eq("_id", messageKey(threadId, number))).first())
        .map(ThreadDocs::message);
  }

  @Override
  public void addChatPost(String threadId, ChatPost post) {
    Ids.parse(threadId).ifPresent(id -> threads.updateOne(eq("_id", id), new Document("$addToSet",
        new Document("chat", new Document("platform", post.platform()).append("channel", post.channel())
            .append("messageRef", post.messageRef())))));
  }

  private static String messageKey(String threadId, int n) {
    return String.format("%s/%06d", threadId, n);
  }

  @Override
  public TicketPage list(TicketQuery query) {
    return lists.list(query);
  }

  @Override
  public void forEachSearchable(Consumer<SearchableTicket> action) {
    lists.forEachSearchable(action);
  }

  @Override
  public Optional<SearchableTicket> searchable(String threadId) {
    return lists.searchable(threadId);
  }

  @Override
  public Map<String, Snippet> snippets(List<String> threadIds, List<String> words) {
    return lists.snippets(threadIds, words);
  }

  /** Writes the search text of tickets stored before search existed; how many. */
  int backfillSearch() {
    return SearchText.backfill(threads, messages);
  }

  @Override
  public List<EmailThread> ownedBy(String memberId, int limit) {
    return Ids.parse(memberId).map(id -> oldestFirst(and(eq("assignedTo", id), NOT_RESOLVED), limit)).orElse(List.of());
  }

  @Override
  public List<EmailThread> unresolvedFrom(Collection<String> customerEmails, Collection<String> customerPhones,
      int limit) {
    List<Bson> from = new ArrayList<>();
    if (!customerEmails.isEmpty()) {
      from.add(in("customerEmail", customerEmails));
    }
    if (!customerPhones.isEmpty()) {
      from.add(in("customerPhone", customerPhones));
    }
    if (from.isEmpty()) {
      return List.of();
    }
    List<EmailThread> result = new ArrayList<>();
    threads.find(and(from.size() == 1 ? from.get(0) : or(from), NOT_RESOLVED)).projection(WITHOUT_EVENTS)
        .sort(Sorts.descending("lastMessageAt", "_id")).limit(limit)
        .forEach(doc -> result.add(ThreadDocs.thread(doc)));
    return result;
  }

  @Override
  public List<EmailThread> unassigned(int limit) {
    return oldestFirst(and(eq("assignedTo", null), NOT_RESOLVED), limit);
  }

  private List<EmailThread> oldestFirst(Bson filter, int limit) {
    List<EmailThread> result = new ArrayList<>();
    threads.find(filter).projection(WITHOUT_EVENTS).sort(Sorts.ascending("receivedAt", "_id")).limit(limit)
        .forEach(doc -> result.add(ThreadDocs.thread(doc)));
    return result;
  }

  @Override
  public List<EmailThread> findAll(List<String> threadIds) {
    List<ObjectId> ids = threadIds.stream().map(Ids::parse).flatMap(Optional::stream).toList();
    Map<String, EmailThread> found = new HashMap<>();
    threads.find(in("_id", ids)).projection(WITHOUT_EVENTS)
        .forEach(doc -> found.put(Ids.hex(doc.get("_id")), ThreadDocs.thread(doc)));
    return threadIds.stream().map(found::get).filter(Objects::nonNull).toList();
  }

  @Override
  public void forEachUnresolved(Consumer<EmailThread> action) {
    threads.find(NOT_RESOLVED).projection(WITHOUT_EVENTS).forEach(doc -> action.accept(ThreadDocs.thread(doc)));
  }

  @Override
  public List<TicketActivity> activity(Instant receivedSince) {
    List<TicketActivity> result = new ArrayList<>();
    threads.find(or(NOT_RESOLVED, gte("receivedAt", Date.from(receivedSince)))).projection(ACTIVITY)
        .forEach(doc -> result.add(activity(doc)));
    return result;
  }

  @Override
  public Optional<TicketActivity> activityOf(String threadId) {
    return Ids.parse(threadId).map(id -> threads.find(eq("_id", id)).projection(ACTIVITY).first())
        .map(MongoTicketStore::activity);
  }

  private static TicketActivity activity(Document doc) {
    Object owner = doc.get("assignedTo");
    return new TicketActivity(Ids.hex(doc.get("_id")),
        TicketStatus.parse(doc.getString("status")).orElse(TicketStatus.OPEN), owner == null ? null : Ids.hex(owner),
        Docs.instant(doc, "receivedAt"), Docs.instant(doc, "claimedAt"), Docs.instant(doc, "firstClaimedAt"),
        Docs.instant(doc, "firstReplyAt"), Docs.instant(doc, "lastInboundAt"), Docs.instant(doc, "lastReplyAt"));
  }

  @Override
  public long count() {
    return threads.estimatedDocumentCount();
  }
}
