package io.claimdesk.bot.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.ViewState;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.core.chat.DeliveryLog;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.reply.ReplyOutcome;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.TeamMember;
import java.util.Map;
import io.claimdesk.core.savedreply.SavedReply;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply modal's submission. Within Slack's 3 s it decides who may reply ({@link ClaimService#claimForReply}:
 * the owner, or anyone on an unowned ticket, who then owns it) and shows a refusal inside the modal; then it
 * swaps the modal to "Sending…" and sends on the executor through the same {@link ReplyService} as the web, and
 * shows the outcome in the modal. A failed send keeps nothing half-done: the text is shown back to copy.
 */
final class SlackReplies {
  private static final Logger log = LoggerFactory.getLogger(SlackReplies.class);

  private final ClaimService claims;
  private final ReplyService replies;
  private final SlackMembers members;
  private final DeliveryLog deliveries;
  private final MethodsClient methods;
  private final Executor executor;
  private final Function<String, Optional<SavedReply>> savedReplies;

  SlackReplies(ClaimService claims, ReplyService replies, SlackMembers members, DeliveryLog deliveries,
      MethodsClient methods, Executor executor, Function<String, Optional<SavedReply>> savedReplies) {
    this.savedReplies = savedReplies;
    this.claims = claims;
    this.replies = replies;
    this.members = members;
    this.deliveries = deliveries;
    this.methods = methods;
    this.executor = executor;
  }

  Response submit(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    ViewSubmissionPayload payload = req.getPayload();
    String threadId = payload.getView().getPrivateMetadata();
    String body = withSaved(body(payload), chosen(payload));
    if (body == null || body.isBlank()) {
      return ctx.ackWithErrors(Map.of(SlackViews.REPLY_BLOCK, "Write a reply first"));
    }
    if (replies == null) {
      return ctx.ackWithErrors(Map.of(SlackViews.REPLY_BLOCK, SlackActions.REPLIES_OFF));
    }
    // opening the modal linked the user already, so this is normally a database read, not a Slack lookup
    Optional<TeamMember> member = members.resolve(payload.getUser().getId());
    if (member.isEmpty()) {
      return ctx.ackWithErrors(Map.of(SlackViews.REPLY_BLOCK, SlackMembers.UNKNOWN));
    }
    String refusal = claims.claimForReply(threadId, member.get(), Via.SLACK).refusal();
    if (refusal != null) {
      return ctx.ackWithErrors(Map.of(SlackViews.REPLY_BLOCK, refusal));
    }
    // recorded only once accepted: a submission refused above may be corrected and sent again
    if (!deliveries.firstDelivery("slack:view:" + payload.getTriggerId())) {
      return ctx.ack();
    }
    String viewId = payload.getView().getId();
    executor.execute(() -> send(threadId, member.get(), body, viewId));
    return ctx.ackWithUpdate(SlackViews.sendingModal(threadId));
  }

  private void send(String threadId, TeamMember member, String body, String viewId) {
    ReplyOutcome outcome = replies.reply(threadId, member, body, Via.SLACK);
    String message;
    if (outcome instanceof ReplyOutcome.Sent sent) {
      message = "✅ Reply sent to " + SlackText.escape(sent.thread().customerEmail()) + ". You own this ticket.";
    } else if (outcome instanceof ReplyOutcome.Refused refused) {
      message = "❌ " + SlackText.escape(refused.reason().refusal()) + "\nNothing was sent.";
    } else if (outcome instanceof ReplyOutcome.Invalid invalid) {
      message = "❌ " + SlackText.escape(invalid.message());
    } else if (outcome instanceof ReplyOutcome.SendFailed failed) {
      message = "❌ Not sent: " + SlackText.escape(sentence(failed.message()))
          + " It is kept on the ticket's page in the dashboard, under *Not sent*: send it again from there (the "
          + "same mail, recorded once) or discard it. Your text:\n"
          + SlackText.truncate("> " + SlackText.escape(body).replace("\n", "\n> "), 2500);
    } else {
      message = "❌ The reply was not sent.";
    }
    try {
      SlackCalls.call("views.update", () -> methods.viewsUpdate(r -> r.viewId(viewId)
          .view(SlackViews.resultModal(threadId, message))));
    } catch (ChatException e) {
      log.warn("could not show the reply outcome in Slack: {}", e.getMessage());
    }
  }

  /**
   * The text to send: the chosen saved reply's text when the box was left empty, else above what was written; the
   * box's text alone when none was chosen (or it was deleted meanwhile).
   */
  private String withSaved(String body, String savedId) {
    Optional<SavedReply> saved = savedId == null ? Optional.empty() : savedReplies.apply(savedId);
    if (saved.isEmpty()) {
      return body;
    }
    return body == null || body.isBlank() ? saved.get().body() : saved.get().body() + "\n\n" + body;
  }

  private static String chosen(ViewSubmissionPayload payload) {
    if (payload.getView().getState() == null || payload.getView().getState().getValues() == null) {
      return null;
    }
    Map<String, ViewState.Value> block = payload.getView().getState().getValues().get(SlackViews.SAVED_BLOCK);
    ViewState.Value value = block == null ? null : block.get(SlackViews.SAVED_ACTION);
    return value == null || value.getSelectedOption() == null ? null : value.getSelectedOption().getValue();
  }

  private static String body(ViewSubmissionPayload payload) {
    if (payload.getView().getState() == null || payload.getView().getState().getValues() == null) {
      return null;
    }
    Map<String, ViewState.Value> block = payload.getView().getState().getValues().get(SlackViews.REPLY_BLOCK);
    ViewState.Value value = block == null ? null : block.get(SlackViews.REPLY_ACTION);
    return value == null ? null : value.getValue();
  }

  /** The sender's words as a sentence: they end in a full stop, then the advice follows. */
  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }
}
