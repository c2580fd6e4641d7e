package io.claimdesk.web.assignment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.web.dashboard.LiveEvents;
import io.claimdesk.web.http.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells open dashboards when a member's open offers change (made, accepted, declined, expired, or gone because the
 * ticket was taken), so that their banners appear and go without a reload. It reads the open offers from the
 * database, not from this instance's decisions: offers are made by whichever instance holds the assignment lease or
 * saw the ticket arrive, and a page may be connected to any instance. It reads only while pages are connected.
 */
final class OfferWatch implements AutoCloseable {
  static final String EVENT = "offer";
  private static final Logger log = LoggerFactory.getLogger(OfferWatch.class);
  private static final Duration EVERY = Duration.ofMillis(300);

  private final AssignmentService assignments;
  private final LiveEvents live;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dashboard-offer-watch");
    t.setDaemon(true);
    return t;
  });
  private Map<String, Set<String>> last = Map.of();

  OfferWatch(AssignmentService assignments, LiveEvents live) {
    this.assignments = assignments;
    this.live = live;
  }

  OfferWatch start() {
    timer.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Compares the open offers with the last look and signals the members whose offers changed. */
  void check() {
    if (live.connected() == 0) {
      last = Map.of(); // nobody to tell; a page that connects later renders its banner itself
      return;
    }
    try {
      Map<String, Set<String>> now = byMember(assignments.allOpenOffers());
      Set<String> changed = changedMembers(last, now);
      last = now;
      if (!changed.isEmpty()) {
        live.signal(EVENT, Json.MAPPER.writeValueAsString(Map.of("members", changed)));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write member ids as JSON", e);
    } catch (RuntimeException e) {
      log.warn("dashboard offer watch: reading the open offers failed; retrying: {}", e.toString());
    }
  }

  static Map<String, Set<String>> byMember(List<Offer> open) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Offer offer : open) {
      out.computeIfAbsent(offer.memberId(), k -> new HashSet<>()).add(offer.id());
    }
    return out;
  }

  static Set<String> changedMembers(Map<String, Set<String>> before, Map<String, Set<String>> after) {
    Set<String> changed = new TreeSet<>();
    Set<String> members = new HashSet<>(before.keySet());
    members.addAll(after.keySet());
    for (String member : members) {
      if (!before.getOrDefault(member, Set.of()).equals(after.getOrDefault(member, Set.of()))) {
        changed.add(member);
      }
    }
    return changed;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
