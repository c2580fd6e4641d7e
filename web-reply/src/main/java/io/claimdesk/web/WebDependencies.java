package io.claimdesk.web;

import io.claimdesk.web.dashboard.DashboardServices;
import io.claimdesk.web.health.Metrics;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.mail.Quarantine;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.session.LoginThrottle;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * What the web module needs from core. {@code replies} is null when no mail sender is configured;
 * {@code secureCookies} is true when the public URL is https; {@code metrics} is where modules register what
 * {@code GET /metrics} shows.
 */
public record WebDependencies(
    ClaimService claims,
    ReplyService replies,
    TeamService team,
    TeamStore teamStore,
    TicketStore tickets,
    AssignmentLog history,
    Quarantine quarantine,
    EventOutbox outbox,
    SessionService sessions,
    LoginThrottle loginThrottle,
    Clock clock,
    boolean secureCookies,
    BooleanSupplier databaseUp,
    Metrics metrics) implements DashboardServices {

  /**
   * The dependencies over one database's stores; {@code tickets} may wrap {@code stores.tickets()} (the in-memory
   * queues of the embedded database).
   */
  public static WebDependencies of(Stores stores, TicketStore tickets, ClaimService claims, ReplyService replies,
      TeamService team, Clock clock, boolean secureCookies) {
    return new WebDependencies(claims, replies, team, stores.team(), tickets, stores.assignments(),
        stores.quarantine(), stores.outbox(), new SessionService(stores.sessions(), stores.team(), clock),
        new LoginThrottle(stores.loginFailures(), clock), clock, secureCookies, stores.health()::up, new Metrics());
  }
}
