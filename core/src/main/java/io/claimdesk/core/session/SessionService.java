package io.claimdesk.core.session;

import io.claimdesk.core.team.Secrets;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts, resolves and ends dashboard sessions. A session lasts {@link #IDLE_TIMEOUT} after its last use and never
 * more than {@link #ABSOLUTE_LIFETIME} after its sign-in, so a stolen cookie kept busy dies anyway; the cookie
 * value is 256 random bits and only its hash is stored, so a database dump holds no usable session.
 */
public final class SessionService {
  public static final Duration IDLE_TIMEOUT = Duration.ofHours(12);
  public static final Duration ABSOLUTE_LIFETIME = Duration.ofDays(7);
  /**
   * How long a resolved session is answered from memory: a logout on this instance takes effect
   * at once, one on another instance (or a deactivated member) within this time.
   */
  public static final Duration CACHE_TTL = Duration.ofSeconds(10);
  private static final int CACHE_MAX = 10_000;

  private final SessionStore store;
  private final TeamStore team;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(SignedIn signedIn, Instant until) {}

  public SessionService(SessionStore store, TeamStore team, Clock clock) {
    this.store = store;
    this.team = team;
    this.clock = clock;
  }

  /** A session that has been started: the cookie value to hand to the browser and the stored session. */
  public record Started(String cookieValue, WebSession session) {}

  /** A resolved session and the active member it belongs to. */
  public record SignedIn(WebSession session, TeamMember member) {}

  /** Starts a new session for the member; always a new id, so a session id planted before login is never kept. */
  public Started start(TeamMember member) {
    String cookie = Secrets.randomToken();
    Instant now = clock.instant();
    WebSession session = new WebSession(Secrets.hashToken(cookie), member.id(), Secrets.randomToken(), now, now.plus(IDLE_TIMEOUT), null);
    store.insert(session);
    return new Started(cookie, session);
  }

  /**
   * The session of this cookie value with its member, when it has not expired and the member is still active;
   * the expiry moves forward at most once a minute so that browsing does not write on every page.
   */
  public Optional<SignedIn> resolve(String cookieValue) {
    if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
      return Optional.empty();
    }
    String id = Secrets.hashToken(cookieValue);
    Instant now = clock.instant();
    Cached cached = cache.get(id);
    if (cached != null && now.isBefore(cached.until()) && cached.signedIn().session().expiresAt().isAfter(now)
        && cached.signedIn().session().flash() == null) {
      return Optional.of(cached.signedIn());
    }
    Optional<WebSession> found = store.find(id);
    if (found.isEmpty() || !found.get().expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    WebSession session = found.get();
    Instant end = session.createdAt().plus(ABSOLUTE_LIFETIME);
    if (!end.isAfter(now)) {
      return Optional.empty();
    }
    Optional<TeamMember> member = team.find(session.memberId()).filter(TeamMember::active);
    if (member.isEmpty()) {
      return Optional.empty();
    }
    Instant renewed = now.plus(IDLE_TIMEOUT).isAfter(end) ? end : now.plus(IDLE_TIMEOUT);
    if (Duration.between(session.expiresAt(), renewed).compareTo(Duration.ofMinutes(1)) > 0) {
      store.extend(session.id(), renewed);
      session = new WebSession(session.id(), session.memberId(), session.csrfToken(), session.createdAt(), renewed,
          session.flash());
    }
    SignedIn signedIn = new SignedIn(session, member.get());
    if (cache.size() >= CACHE_MAX) {
      cache.clear();
    }
    cache.put(id, new Cached(signedIn, now.plus(CACHE_TTL)));
    return Optional.of(signedIn);
  }

  /** Ends the session of this cookie value (logout). */
  public void end(String cookieValue) {
    if (cookieValue != null && !cookieValue.isBlank()) {
      cache.remove(Secrets.hashToken(cookieValue));
      store.delete(Secrets.hashToken(cookieValue));
    }
  }

  /**
   * Ends every session of the member but {@code keep} (all when null), after a password change or reset; how many.
   * Other instances may answer an ended session from memory for up to {@link #CACHE_TTL}.
   */
  public long endAllOf(String memberId, WebSession keep) {
    String keepId = keep == null ? null : keep.id();
    cache.values().removeIf(c -> c.signedIn().member().id().equals(memberId)
        && !c.signedIn().session().id().equals(keepId));
    return store.deleteByMember(memberId, keepId);
  }

  /** Leaves a notice for the session's next page. */
  public void flash(WebSession session, String message) {
    cache.remove(session.id()); // the next page must read the notice
    store.putFlash(session.id(), message);
  }

  /** Takes the session's pending notice, if any. */
  public Optional<String> takeFlash(WebSession session) {
    return session.flash() == null ? Optional.empty() : store.takeFlash(session.id());
  }

  /** Deletes expired sessions; how many. */
  public long purgeExpired() {
    return store.deleteExpired(clock.instant());
  }
}
