package io.claimdesk.core.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that a member is there (a request of theirs, a click in chat) for {@link Presence}, at most once a
 * minute per member on this instance: a dashboard page polls and streams, and a write on every request would
 * cost more than the minute it gains against an hours-long limit.
 */
public final class LastSeen {
  private static final Logger log = LoggerFactory.getLogger(LastSeen.class);
  static final Duration EVERY = Duration.ofMinutes(1);
  /** Past this many members remembered the map starts over; a forgotten member costs one extra write. */
  private static final int MAX_REMEMBERED = 10_000;

  private final TeamStore store;
  private final Clock clock;
  private final Map<String, Instant> written = new ConcurrentHashMap<>();

  public LastSeen(TeamStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Records the member as seen now, unless this instance did so less than a minute ago. */
  public void seen(String memberId) {
    if (memberId == null) {
      return;
    }
    Instant now = clock.instant();
    Instant last = written.get(memberId);
    if (last != null && now.isBefore(last.plus(EVERY))) {
      return;
    }
    if (written.size() >= MAX_REMEMBERED) {
      written.clear();
    }
    // two requests at once may both write: harmless, the store keeps the later time
    written.put(memberId, now);
    try {
      store.markSeen(memberId, now);
    } catch (RuntimeException e) {
      // the request it follows has been answered: a database away for a moment must not turn it into an error;
      // the member's next request writes again
      written.remove(memberId, now);
      log.debug("could not record that member {} was seen: {}", memberId, e.toString());
    }
  }
}
