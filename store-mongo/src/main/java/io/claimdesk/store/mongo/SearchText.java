package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import io.claimdesk.core.ticket.SearchableTicket;
import io.claimdesk.core.ticket.Snippet;
import io.claimdesk.core.ticket.ThreadMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The search text of a ticket, kept in its document at write time as the array {@code search}: its subject, customer
 * address and name, then the text of each message in the order they were counted, each lower-cased. A search is a
 * {@code $regex} per word on that array (a word may match any element), which MongoDB and the embedded server both
 * answer; every character of a word outside ASCII letters and digits is escaped, so the words are plain text.
 */
final class SearchText {
  static final String FIELD = "search";
  /** The elements before the first message's. */
  static final int THREAD_PARTS = 3;
  static final int MESSAGE_CHARS = SearchableTicket.MESSAGE_CHARS;

  private SearchText() {}

  static List<String> threadParts(String subject, String customerEmail, String customerName) {
    return SearchableTicket.threadText(subject, customerEmail, customerName);
  }

  static String messagePart(ThreadMessage message) {
    return SearchableTicket.messageText(message);
  }

  /** The filter matching tickets that hold every word; null without words. */
  static Bson filter(List<String> words) {
    if (words.isEmpty()) {
      return null;
    }
    List<Bson> each = new ArrayList<>();
    for (String word : words) {
      each.add(regex(FIELD, literal(word)));
    }
    return each.size() == 1 ? each.get(0) : and(each);
  }

  /**
   * The word as a pattern matching itself: a backslash before every ASCII character that is not a letter or digit
   * (literal in both Java's and PCRE's syntax), other characters as they are (none of them is special).
   */
  static String literal(String word) {
    StringBuilder pattern = new StringBuilder(word.length() * 2);
    for (char c : word.toCharArray()) {
      boolean plain = c >= 128 || Character.isLetterOrDigit(c);
      if (!plain) {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return pattern.toString();
  }

  /**
   * The snippet of each ticket (documents with their {@code search} array) whose messages hold a word: the first such
   * message by its search element, read again as written for the snippet. One query for the whole page.
   */
  static Map<String, Snippet> snippets(List<Document> tickets, List<String> words,
      MongoCollection<Document> messages) {
    Map<String, String> keyOf = new HashMap<>();
    Map<String, String> foldedOf = new HashMap<>();
    for (Document ticket : tickets) {
      String id = Ids.hex(ticket.get("_id"));
      List<String> parts = ticket.getList(FIELD, String.class, List.of());
      for (int i = THREAD_PARTS; i < parts.size(); i++) {
        String part = parts.get(i);
        if (part != null && words.stream().anyMatch(part::contains)) {
          keyOf.put(String.format("%s/%06d", id, i - THREAD_PARTS + 1), id);
          foldedOf.put(id, part);
          break;
        }
      }
    }
    Map<String, Snippet> result = new HashMap<>();
    if (keyOf.isEmpty()) {
      return result;
    }
    messages.find(in("_id", keyOf.keySet())).projection(new Document("text", 1)).forEach(doc -> {
      String text = doc.getString("text");
      String id = keyOf.get(doc.getString("_id"));
      String kept = text == null || text.length() <= MESSAGE_CHARS ? text : text.substring(0, MESSAGE_CHARS);
      around(kept, words).ifPresent(s -> result.put(id, s));
    });
    // a message counted in another slot than its element's (two appends at once): the stored lower-case text
    foldedOf.forEach((id, folded) -> result.computeIfAbsent(id, k -> around(folded, words).orElse(null)));
    result.values().removeIf(java.util.Objects::isNull);
    return result;
  }

  private static Optional<Snippet> around(String text, List<String> words) {
    return Snippet.around(text, words);
  }

  /** Writes the search array of every ticket that has none (written before search existed); how many. */
  static int backfill(MongoCollection<Document> threads, MongoCollection<Document> messages) {
    return new SearchBackfill(threads, messages).run();
  }
}
