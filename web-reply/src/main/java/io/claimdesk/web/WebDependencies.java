package io.claimdesk.web;

import io.claimdesk.core.claim.AssignmentLog;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.mail.Quarantine;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.ticket.TicketStore;
import java.util.function.BooleanSupplier;

/** What the web module needs from core. {@code replies} is null when no mail sender is configured. */
public record WebDependencies(
    ClaimService claims,
    ReplyService replies,
    TeamService team,
    TicketStore tickets,
    AssignmentLog history,
    Quarantine quarantine,
    BooleanSupplier databaseUp) {}
