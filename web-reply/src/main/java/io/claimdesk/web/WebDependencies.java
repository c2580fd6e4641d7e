package io.claimdesk.web;

import io.claimdesk.web.dashboard.DashboardServices;
import io.claimdesk.web.health.Metrics;
import io.claimdesk.web.health.Readiness;
import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.voice.CallLogStore;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.mail.Quarantine;
import io.claimdesk.core.store.Stores;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.savedreply.SavedReplyService;
import io.claimdesk.core.session.LoginThrottle;
import io.claimdesk.core.session.PasswordCheckGate;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.web.http.TrustedProxies;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * What the web module needs from core. {@code replies} is null when no mail sender is configured;
 * {@code secureCookies} is true when the public URL is https; {@code metrics} is where modules register what
 * {@code GET /metrics} shows; {@code signIn} is the one way to check a password, {@code trustedProxies} whose
 * {@code X-Forwarded-For} names the client; {@code contacts} the customers of the contact API and card;
 * {@code savedReplies} the team's saved replies, {@code attachments} where reply attachments are streamed.
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
    SignInService signIn,
    TrustedProxies trustedProxies,
    Clock clock,
    boolean secureCookies,
    BooleanSupplier databaseUp,
    Metrics metrics,
    ContactStore contacts,
    CallLogStore callLogs,
    Readiness readiness,
    SavedReplyService savedReplies,
    AttachmentStore attachments) implements DashboardServices {

  /**
   * The dependencies over one database's stores; {@code tickets} may wrap {@code stores.tickets()} (the in-memory
   * queues of the embedded database). No proxy is trusted; password checks are bounded by the cores.
   */
  public static WebDependencies of(Stores stores, TicketStore tickets, ClaimService claims, ReplyService replies,
      TeamService team, Clock clock, boolean secureCookies) {
    return of(stores, tickets, claims, replies, team, clock, secureCookies, TrustedProxies.none(),
        new SignInService(stores.team(), team.secrets(), new LoginThrottle(stores.loginFailures(), clock),
            PasswordCheckGate.forThisMachine()));
  }

  /** As above, with the proxies to believe and the sign-in to use. */
  public static WebDependencies of(Stores stores, TicketStore tickets, ClaimService claims, ReplyService replies,
      TeamService team, Clock clock, boolean secureCookies, TrustedProxies trustedProxies, SignInService signIn) {
    return new WebDependencies(claims, replies, team, stores.team(), tickets, stores.assignments(),
        stores.quarantine(), stores.outbox(), new SessionService(stores.sessions(), stores.team(), clock),
        signIn, trustedProxies, clock, secureCookies, stores.health()::up, new Metrics(), stores.contacts(), stores.callLogs(),
        new Readiness(), new SavedReplyService(stores.savedReplies(), clock),
        stores.attachments());
  }
}
