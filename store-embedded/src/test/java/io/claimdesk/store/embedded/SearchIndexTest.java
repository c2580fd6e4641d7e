package io.claimdesk.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.SearchableTicket;
import io.claimdesk.core.ticket.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-memory search: the same answers as reading every text, whatever the character-pair summary skips. */
class SearchIndexTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private final SearchIndex index = new SearchIndex();

  private static EmailThread ticket(int n, long version) {
    return new EmailThread(String.format("%024x", n), "support@example.com", "subject " + n, "c" + n + "@example.org",
        "C", TicketStatus.OPEN, null, T0.plusSeconds(n), T0.plusSeconds(n), 0, version, List.of(), null);
  }

  @Test
  void searchShouldFindExactlyWhatAScanOfEveryTextFinds() {
    Random random = new Random(7);
    String letters = "abcdefgh.$( ";
    List<String> texts = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 5 + random.nextInt(60); i++) {
        text.append(letters.charAt(random.nextInt(letters.length())));
      }
      texts.add(text.toString());
      index.put(new SearchableTicket(ticket(n, 1), List.of("subject " + n, "c" + n + "@example.org", "c")));
      index.addMessage(ticket(n, 2), text.toString());
    }
    for (int q = 0; q < 300; q++) {
      String word = texts.get(random.nextInt(texts.size())).strip();
      int from = random.nextInt(Math.max(1, word.length()));
      word = word.substring(from, Math.min(word.length(), from + 1 + random.nextInt(6))).strip();
      if (word.isEmpty() || word.contains(" ")) {
        continue;
      }
      List<String> expected = new ArrayList<>();
      for (int n = texts.size() - 1; n >= 0; n--) {
        String all = "subject " + n + "\nc" + n + "@example.org\nc\n" + texts.get(n);
        if (all.contains(word)) {
          expected.add(String.format("%024x", n));
        }
      }
      assertThat(index.search(List.of(word), null, null, null, 1000)).as(word).extracting(EmailThread::id)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aWordShouldNotMatchAcrossTwoPartsAndChangesShouldKeepTheText() {
    index.put(new SearchableTicket(ticket(1, 1), List.of("printer", "ana@example.org", "ana")));
    index.addMessage(ticket(1, 3), "on fire");
    assertThat(index.search(List.of("printer", "fire"), null, null, null, 10)).hasSize(1);
    assertThat(index.search(List.of("rana"), null, null, null, 10)).isEmpty(); // "printer" + "ana"
    index.apply(ticket(1, 2)); // an older version arriving late changes nothing
    index.apply(new EmailThread(String.format("%024x", 1), "support@example.com", "printer", "ana@example.org",
        "Ana", TicketStatus.RESOLVED, null, T0, T0, 1, 4, List.of(), null));
    assertThat(index.search(List.of("fire"), TicketStatus.RESOLVED, null, null, 10)).hasSize(1);
    assertThat(index.search(List.of("fire"), TicketStatus.OPEN, null, null, 10)).isEmpty();
  }
}
