package io.claimdesk.core.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.claimdesk.core.StoreUnavailableException;
import io.claimdesk.core.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failure path of {@link LastSeen}: a database that refuses the write must not fail the request it follows,
 * and the next request writes again instead of waiting out the minute. The store here only records and refuses
 * {@code markSeen} on demand; the store's own behaviour is covered by store-mongo's TeamStoreContract.
 */
class LastSeenTest {
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  private final List<Instant> writes = new ArrayList<>();
  private boolean refuse;

  private TeamStore store() {
    return (TeamStore) Proxy.newProxyInstance(TeamStore.class.getClassLoader(), new Class<?>[] {TeamStore.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("markSeen")) {
            throw new UnsupportedOperationException(method.getName());
          }
          if (refuse) {
            throw new StoreUnavailableException("the database did not answer", new RuntimeException("down"));
          }
          writes.add((Instant) args[1]);
          return null;
        });
  }

  @Test
  void aRefusedWriteShouldNotFailTheRequestAndTheNextRequestShouldWriteAgain() {
    MutableClock clock = new MutableClock(T0);
    LastSeen seen = new LastSeen(store(), clock);

    refuse = true;
    assertThatCode(() -> seen.seen("ana")).doesNotThrowAnyException();
    assertThat(writes).isEmpty();

    refuse = false;
    clock.advance(Duration.ofSeconds(5));
    seen.seen("ana");
    assertThat(writes).containsExactly(T0.plusSeconds(5));

    clock.advance(Duration.ofSeconds(30));
    seen.seen("ana");
    assertThat(writes).as("within the minute after a write that took").containsExactly(T0.plusSeconds(5));
  }
}
