package io.claimdesk.web.dashboard;

import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.voice.CallLogStore;
import io.claimdesk.core.event.EventOutbox;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.savedreply.SavedReplyService;
import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.session.SignInService;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.web.http.TrustedProxies;
import java.time.Clock;

/**
 * What the dashboard pages need from core. The web module's {@code WebDependencies} provides it; it is declared
 * here so that the dashboard does not depend on the package that assembles the server (which depends on it).
 */
public interface DashboardServices {

  /** The claim rules behind the Claim, Unclaim, Reassign and Status buttons. */
  ClaimService claims();

  /** Sends replies; null when no mail sender is configured. */
  ReplyService replies();

  /** Members and their API tokens. */
  TeamService team();

  /** The members as stored, for the team page's workload. */
  TeamStore teamStore();

  /** The tickets the pages show. */
  TicketStore tickets();

  /** The assignment history shown on the ticket page. */
  AssignmentLog history();

  /** The outbox the live-update stream follows. */
  EventOutbox outbox();

  /** Dashboard sessions. */
  SessionService sessions();

  /** Checks passwords, slowing down failed sign-ins per account and client. */
  SignInService signIn();

  /** Which peers' {@code X-Forwarded-For} names the client of a sign-in. */
  TrustedProxies trustedProxies();

  /** The time of the pages. */
  Clock clock();

  /** The customers shown on contact cards. */
  ContactStore contacts();

  /** The calls of the voice line, for the contact card. */
  CallLogStore callLogs();

  /** The team's saved replies, offered in the reply box and managed on their page. */
  SavedReplyService savedReplies();

  /** Where the files attached to a reply in the web form are streamed. */
  AttachmentStore attachments();
}
