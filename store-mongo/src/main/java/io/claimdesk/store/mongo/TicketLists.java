package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.PageCursor;
import io.claimdesk.core.ticket.SearchableTicket;
import io.claimdesk.core.ticket.Snippet;
import io.claimdesk.core.ticket.SortCursor;
import io.claimdesk.core.ticket.TicketPage;
import io.claimdesk.core.ticket.TicketQuery;
import io.claimdesk.core.ticket.TicketSort;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The paged lists of {@code email_threads} (filters, search, orders) and the search text they match: the reading
 * side of {@link MongoTicketStore} that is not about one ticket.
 */
final class TicketLists {
  private static final Document WITH_SEARCH = new Document("recentEvents", 0);

  private final MongoCollection<Document> threads;
  private final MongoCollection<Document> messages;

  TicketLists(MongoCollection<Document> threads, MongoCollection<Document> messages) {
    this.threads = threads;
    this.messages = messages;
  }

  TicketPage list(TicketQuery query) {
    List<Bson> filters = new ArrayList<>();
    if (query.status() != null) {
      filters.add(eq("status", query.status().value()));
    }
    if (query.assignee() != null) {
      filters.add(eq("assignedTo", TicketQuery.UNASSIGNED.equals(query.assignee()) ? null : new ObjectId(query.assignee())));
    }
    Bson words = SearchText.filter(query.words());
    if (words != null) {
      filters.add(words);
    }
    int skip = 0;
    if (query.cursor() != null && query.sort() == TicketSort.RECEIVED) {
      PageCursor cursor = PageCursor.decode(query.cursor());
      Date at = new Date(cursor.receivedAtMillis());
      filters.add(or(lt("receivedAt", at), and(eq("receivedAt", at), lt("_id", new ObjectId(cursor.id())))));
    } else if (query.cursor() != null) {
      skip = SortCursor.decode(query.cursor(), query.sort()).offset();
    }
    Bson filter = filters.isEmpty() ? new Document() : and(filters);
    List<Document> docs = new ArrayList<>();
    threads.find(filter).projection(words == null ? MongoTicketStore.WITHOUT_EVENTS : WITH_SEARCH).sort(order(query.sort()))
        .skip(skip).limit(query.limit() + 1).forEach(docs::add);
    String next = null;
    if (docs.size() > query.limit()) {
      docs.remove(docs.size() - 1);
      next = query.sort() == TicketSort.RECEIVED
          ? PageCursor.after(ThreadDocs.thread(docs.get(docs.size() - 1))).encode()
          : new SortCursor(query.sort(), skip + docs.size()).encode();
    }
    List<EmailThread> page = docs.stream().map(ThreadDocs::thread).toList();
    return new TicketPage(page, next,
        words == null ? Map.of() : SearchText.snippets(docs, query.words(), messages));
  }

  /** Each order, ties newest first: the order of every page of one list stays the same. */
  private static Bson order(TicketSort sort) {
    Bson newest = Sorts.descending("receivedAt", "_id");
    return switch (sort) {
      case RECEIVED -> newest;
      case ACTIVITY -> Sorts.descending("lastMessageAt", "receivedAt", "_id");
      case STATUS -> Sorts.orderBy(Sorts.ascending("status"), newest);
      case OWNER -> Sorts.orderBy(Sorts.ascending("assignedToName"), newest);
    };
  }

  void forEachSearchable(Consumer<SearchableTicket> action) {
    threads.find().projection(WITH_SEARCH).forEach(doc -> action.accept(searchable(doc)));
  }

  Optional<SearchableTicket> searchable(String threadId) {
    return Ids.parse(threadId).map(id -> threads.find(eq("_id", id)).projection(WITH_SEARCH).first())
        .map(TicketLists::searchable);
  }

  private static SearchableTicket searchable(Document doc) {
    List<String> text = doc.getList(SearchText.FIELD, String.class);
    if (text == null) { // not written yet by the backfill at start
      text = SearchText.threadParts(doc.getString("subject"), doc.getString("customerEmail"),
          doc.getString("customerName"));
    }
    return new SearchableTicket(ThreadDocs.thread(doc), text);
  }

  Map<String, Snippet> snippets(List<String> threadIds, List<String> words) {
    List<ObjectId> ids = threadIds.stream().map(Ids::parse).flatMap(Optional::stream).toList();
    if (ids.isEmpty() || words.isEmpty()) {
      return Map.of();
    }
    List<Document> docs = new ArrayList<>();
    threads.find(in("_id", ids)).projection(new Document(SearchText.FIELD, 1)).forEach(docs::add);
    return SearchText.snippets(docs, words, messages);
  }
}
