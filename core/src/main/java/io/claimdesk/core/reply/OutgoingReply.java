package io.claimdesk.core.reply;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import java.util.List;

/**
 * A reply to send: the ticket, who writes, the text, the thread's messages for In-Reply-To and References, and
 * the Message-ID it must go out with (the same for every attempt).
 */
public record OutgoingReply(EmailThread thread, TeamMember author, String body, List<ThreadMessage> history,
    String messageId) {}
