package io.claimdesk.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.ActionRespondUtility;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.bot.sync.TicketCard;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import java.io.IOException;
import io.claimdesk.core.savedreply.SavedReply;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons of a ticket message: Claim, Unclaim and Reply. Each click is acknowledged at once and handled after
 * the ack, once, for the member who clicked ({@link SlackInteractions}). Claim and Unclaim are one
 * {@link ClaimService} call with {@code via: slack}; the message itself is updated by the chat sync from the
 * resulting event, and a refusal is answered to the clicking user alone. Reply opens the reply modal
 * ({@link SlackReplies}). A repeated delivery of the same click (Slack retries) is recognised by its trigger id and
 * changes nothing.
 */
final class SlackActions {
  private static final Logger log = LoggerFactory.getLogger(SlackActions.class);
  static final String REPLIES_OFF = "Replies are off: claimdesk has no SMTP server configured.";

  private final ClaimService claims;
  private final TicketStore tickets;
  private final SlackInteractions interactions;
  private final MethodsClient methods;
  private final String baseUrl;
  private final boolean repliesOn;
  private final Consumer<String> homeChanged;
  private final Supplier<List<SavedReply>> saved;

  SlackActions(ClaimService claims, TicketStore tickets, SlackInteractions interactions, MethodsClient methods,
      String baseUrl, boolean repliesOn, Consumer<String> homeChanged, Supplier<List<SavedReply>> saved) {
    this.saved = saved;
    this.claims = claims;
    this.tickets = tickets;
    this.interactions = interactions;
    this.methods = methods;
    this.baseUrl = baseUrl;
    this.repliesOn = repliesOn;
    this.homeChanged = homeChanged;
  }

  Response claim(BlockActionRequest req, ActionContext ctx) {
    return change(req, ctx, (threadId, member) -> claims.claim(threadId, member, Via.SLACK));
  }

  Response unclaim(BlockActionRequest req, ActionContext ctx) {
    return change(req, ctx, (threadId, member) -> claims.unclaim(threadId, member, Via.SLACK));
  }

  private Response change(BlockActionRequest req, ActionContext ctx,
      BiFunction<String, TeamMember, ClaimOutcome> action) {
    BlockActionPayload payload = req.getPayload();
    String threadId = value(payload);
    String slackUser = payload.getUser().getId();
    return interactions.afterAck(ctx::ack, deliveryKey(payload), () ->
        interactions.asMember(slackUser, text -> tell(ctx, text), member -> {
          ClaimOutcome outcome = action.apply(threadId, member);
          String refusal = outcome.refusal();
          if (payload.getView() != null && "home".equals(payload.getView().getType())) {
            homeChanged.accept(slackUser); // the App Home shows the lists as they are now
          } else if (refusal != null) {
            tell(ctx, refusal);
          } else if (payload.getContainer() != null && payload.getContainer().isEphemeral()) {
            // a list answered to this user alone: the chat sync cannot update it, so say what happened
            tell(ctx, "✅ Done: " + SlackText.escape(((ClaimOutcome.Won) outcome).thread().subject()));
          }
        }));
  }

  Response reply(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload payload = req.getPayload();
    String threadId = value(payload);
    String slackUser = payload.getUser().getId();
    String triggerId = payload.getTriggerId();
    return interactions.afterAck(ctx::ack, deliveryKey(payload), () -> {
      if (!repliesOn) {
        tell(ctx, REPLIES_OFF); // before the member lookup: nobody can reply, whoever they are
        return;
      }
      interactions.asMember(slackUser, text -> tell(ctx, text), member -> openReplyForm(ctx, threadId, member,
          triggerId));
    });
  }

  private void openReplyForm(ActionContext ctx, String threadId, TeamMember member, String triggerId) {
    Optional<EmailThread> ticket = tickets.find(threadId);
    if (ticket.isEmpty()) {
      tell(ctx, "Ticket not found");
      return;
    }
    if (ticket.get().isOwned() && !ticket.get().isOwnedBy(member.id())) {
      tell(ctx, "Ticket is already claimed by " + ticket.get().owner().email());
      return;
    }
    Optional<ThreadMessage> latest = latestFromCustomer(ticket.get());
    String first = tickets.message(threadId, 1).map(ThreadMessage::text).orElse("");
    try {
      SlackCalls.call("views.open", () -> methods.viewsOpen(r -> r.triggerId(triggerId)
          .view(SlackViews.replyModal(TicketCard.of(ticket.get(), first, baseUrl),
              latest.map(m -> m.fromName() == null ? m.from() : m.fromName() + " <" + m.from() + ">").orElse(""),
              latest.map(ThreadMessage::text).orElse(""), latest.map(ThreadMessage::date).orElse(null),
              saved.get()))));
    } catch (ChatException e) {
      log.warn("could not open the reply form: {}", e.getMessage());
      tell(ctx, "Slack did not open the reply form (" + e.getMessage() + "). Use the 🔗 reply link instead.");
    }
  }

  /** The newest inbound message, looking back over the last few messages only. */
  private Optional<ThreadMessage> latestFromCustomer(EmailThread ticket) {
    for (int n = ticket.messageCount(); n >= 1 && n > ticket.messageCount() - 20; n--) {
      Optional<ThreadMessage> message = tickets.message(ticket.id(), n);
      if (message.isPresent() && message.get().direction() == ThreadMessage.Direction.INBOUND) {
        return message;
      }
    }
    return Optional.empty();
  }

  private static String deliveryKey(BlockActionPayload payload) {
    return "slack:action:" + payload.getTriggerId();
  }

  private static String value(BlockActionPayload payload) {
    return payload.getActions() == null || payload.getActions().isEmpty() ? "" : payload.getActions().get(0).getValue();
  }

  /** Answers the person who clicked (or ran a shortcut), visible to them alone. */
  static void tell(ActionRespondUtility ctx, String text) {
    if (ctx.getResponseUrl() == null) {
      return; // a click in the App Home: nowhere to answer; the home view is republished instead
    }
    try {
      ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
    } catch (IOException e) {
      log.warn("could not answer a Slack user: {}", e.getMessage());
    }
  }
}
