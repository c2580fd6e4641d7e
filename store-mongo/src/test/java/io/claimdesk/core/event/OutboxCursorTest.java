package io.claimdesk.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.claimdesk.store.mongo.MongoStores;
import io.claimdesk.core.testing.MutableClock;
import io.claimdesk.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxCursorTest {
  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private TestDatabase db;
  private EventOutbox outbox;

  @BeforeEach
  void open() {
    db = TestDatabase.embedded();
    outbox = MongoStores.open(db.database(), clock).outbox();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void append(int n) {
    for (int i = 0; i < n; i++) {
      outbox.appendAll(List.of(new TicketEvent(new ObjectId().toHexString(), OutboxEvent.CLAIMED, "t", "m",
          "m@example.com", null, null, "m", "m@example.com", "api", 1, T0)));
    }
  }

  /** Takes a sequence number without writing its event, as a writer that crashed in between would. */
  private void allocateWithoutWriting() {
    db.database().getCollection("counters").updateOne(Filters.eq("_id", "outbox"), Updates.inc("seq", 1L));
  }

  @Test
  void cursorShouldResumeFromItsPositionInBatches() {
    append(7);
    OutboxCursor cursor = new OutboxCursor(outbox, 2, Duration.ofSeconds(5), clock);

    assertThat(cursor.poll(3)).extracting(OutboxEvent::seq).containsExactly(3L, 4L, 5L);
    assertThat(cursor.poll(10)).extracting(OutboxEvent::seq).containsExactly(6L, 7L);
    assertThat(cursor.poll(10)).isEmpty();
    assertThat(cursor.position()).isEqualTo(7);
    assertThat(OutboxCursor.atHead(outbox, Duration.ofSeconds(5), clock).poll(10)).isEmpty();
  }

  @Test
  void aQuietSpellLongerThanTheGapTimeoutShouldNotMakeTheNextGapLookExpired() {
    append(3);
    OutboxCursor cursor = OutboxCursor.atHead(outbox, Duration.ofSeconds(5), clock);
    append(2);
    assertThat(cursor.poll(10)).extracting(OutboxEvent::seq).containsExactly(4L, 5L);
    clock.advance(Duration.ofMinutes(2));
    // a writer between taking number 6 and writing it, while number 7 is already there
    allocateWithoutWriting();
    append(1);
    assertThat(cursor.poll(10)).isEmpty();
    assertThat(cursor.position()).isEqualTo(5);
  }

  @Test
  void cursorShouldWaitAtAGapAndSkipItOnlyAfterTheTimeout() {
    append(2);
    allocateWithoutWriting(); // seq 3 is missing
    append(2); // 4 and 5
    OutboxCursor cursor = new OutboxCursor(outbox, 0, Duration.ofSeconds(5), clock);

    assertThat(cursor.poll(10)).extracting(OutboxEvent::seq).containsExactly(1L, 2L);
    clock.advance(Duration.ofSeconds(4));
    assertThat(cursor.poll(10)).isEmpty();
    assertThat(cursor.position()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    assertThat(cursor.poll(10)).extracting(OutboxEvent::seq).containsExactly(4L, 5L);
  }

  @Test
  void namedConsumerShouldResumeAfterARestartWhereItSaved() {
    append(5);
    OutboxCursor first = OutboxCursor.resume(outbox, "chat-sync", Duration.ofSeconds(5), clock);
    assertThat(first.poll(3)).extracting(OutboxEvent::seq).containsExactly(1L, 2L, 3L);
    first.save("chat-sync");
    assertThat(first.poll(10)).hasSize(2); // handled but not saved when the process dies

    OutboxCursor afterRestart = OutboxCursor.resume(outbox, "chat-sync", Duration.ofSeconds(5), clock);
    assertThat(afterRestart.poll(10)).extracting(OutboxEvent::seq).containsExactly(4L, 5L);
    assertThat(OutboxCursor.resume(outbox, "dashboard", Duration.ofSeconds(5), clock).poll(10)).hasSize(5);
  }

  @Test
  void twoReadersShouldEachSeeEveryEvent() {
    append(5);
    OutboxCursor first = new OutboxCursor(outbox, 0, Duration.ofSeconds(5), clock);
    OutboxCursor second = new OutboxCursor(outbox, 0, Duration.ofSeconds(5), clock);

    assertThat(first.poll(100)).hasSize(5);
    assertThat(second.poll(100)).hasSize(5);
  }
}
