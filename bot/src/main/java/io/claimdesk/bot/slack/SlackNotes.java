package io.claimdesk.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.ViewState;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.bot.sync.TicketCard;
import io.claimdesk.core.chat.ChatSyncStore;
import io.claimdesk.core.chat.DeliveryLog;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.NoteOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal notes from Slack: the message shortcut {@code add_note} on a ticket's message opens a modal (the ticket is
 * the one this channel's message was posted for, found in the chat sync's records by the message's ts); its
 * submission writes the note through {@link ClaimService#note}, which claims nothing and mails nothing.
 */
final class SlackNotes {
  static final String SHORTCUT = "add_note";
  static final String NOT_A_TICKET = "This message is not a claimdesk ticket: use *Add note* on a ticket's message.";
  private static final Logger log = LoggerFactory.getLogger(SlackNotes.class);

  private final ClaimService claims;
  private final TicketStore tickets;
  private final ChatSyncStore chatSync;
  private final SlackInteractions interactions;
  private final SlackMembers members;
  private final DeliveryLog deliveries;
  private final MethodsClient methods;
  private final String baseUrl;

  SlackNotes(ClaimService claims, TicketStore tickets, ChatSyncStore chatSync, SlackInteractions interactions,
      SlackMembers members, DeliveryLog deliveries, MethodsClient methods, String baseUrl) {
    this.claims = claims;
    this.tickets = tickets;
    this.chatSync = chatSync;
    this.interactions = interactions;
    this.members = members;
    this.deliveries = deliveries;
    this.methods = methods;
    this.baseUrl = baseUrl;
  }

  /** The shortcut: acked at once; then, once per trigger, the note modal for the ticket of that message. */
  Response shortcut(MessageShortcutRequest req, MessageShortcutContext ctx) {
    MessageShortcutPayload payload = req.getPayload();
    String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
    String ts = payload.getMessageTs();
    String triggerId = payload.getTriggerId();
    return interactions.afterAck(ctx::ack, "slack:shortcut:" + triggerId, () ->
        interactions.asMember(payload.getUser().getId(), text -> SlackActions.tell(ctx, text), member -> {
          Optional<EmailThread> ticket = chatSync.threadOf("slack:" + channel, ts).flatMap(tickets::find);
          if (ticket.isEmpty()) {
            SlackActions.tell(ctx, NOT_A_TICKET);
            return;
          }
          String first = tickets.message(ticket.get().id(), 1).map(ThreadMessage::text).orElse("");
          try {
            SlackCalls.call("views.open", () -> methods.viewsOpen(r -> r.triggerId(triggerId)
                .view(SlackViews.noteModal(TicketCard.of(ticket.get(), first, baseUrl)))));
          } catch (ChatException e) {
            log.warn("could not open the note form: {}", e.getMessage());
            SlackActions.tell(ctx, "Slack did not open the note form (" + e.getMessage() + "). Add the note on the dashboard.");
          }
        }));
  }

  /** The note modal's submission: stored within Slack's 3 s, the modal then says so; a refusal shows in the box. */
  Response submit(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    ViewSubmissionPayload payload = req.getPayload();
    String threadId = payload.getView().getPrivateMetadata();
    String body = text(payload);
    if (body == null || body.isBlank()) {
      return ctx.ackWithErrors(Map.of(SlackViews.NOTE_BLOCK, "Write a note first"));
    }
    Optional<TeamMember> member = members.resolve(payload.getUser().getId());
    if (member.isEmpty()) {
      return ctx.ackWithErrors(Map.of(SlackViews.NOTE_BLOCK, SlackMembers.UNKNOWN));
    }
    if (!deliveries.firstDelivery("slack:view:" + payload.getTriggerId())) {
      return ctx.ack(); // Slack delivered this submission before: the note is stored once
    }
    NoteOutcome outcome = claims.note(threadId, member.get(), body, Via.SLACK);
    if (outcome instanceof NoteOutcome.Refused refused) {
      return ctx.ackWithErrors(Map.of(SlackViews.NOTE_BLOCK, refused.reason().refusal()));
    }
    EmailThread ticket = ((NoteOutcome.Added) outcome).thread();
    return ctx.ackWithUpdate(SlackViews.noteAddedModal(threadId, "📝 Internal note added to *"
        + SlackText.mrkdwn(ticket.subject() == null ? "(no subject)" : ticket.subject(), 300)
        + "*. The customer does not see it."));
  }

  private static String text(ViewSubmissionPayload payload) {
    if (payload.getView().getState() == null || payload.getView().getState().getValues() == null) {
      return null;
    }
    Map<String, ViewState.Value> block = payload.getView().getState().getValues().get(SlackViews.NOTE_BLOCK);
    ViewState.Value value = block == null ? null : block.get(SlackViews.NOTE_ACTION);
    return value == null ? null : value.getValue();
  }

}
