package io.claimdesk.bot.slack;

import static io.claimdesk.bot.slack.SlackTicketMessage.mrkdwn;
import static io.claimdesk.bot.slack.SlackTicketMessage.plainText;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.OverflowMenuElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassign from Slack, for managers: the ticket message's overflow menu ("Reassign…", one message for everyone, so
 * it is there for all and refused to agents with the claim rule's text) opens a modal with the active members; its
 * submission is one {@link ClaimService#reassign} call with {@code via: slack}, and the chat sync updates the
 * message from the resulting event.
 */
final class SlackReassign {
  static final String MENU_ACTION = "ticket_menu";
  static final String REASSIGN_OPTION = "reassign";
  static final String CALLBACK = "reassign_modal";
  static final String BLOCK = "reassign";
  static final String PICK = "member";
  static final String NOT_MANAGER = "Only managers can reassign tickets";
  // a static select holds at most 100 options
  private static final int MOST_MEMBERS = 100;
  private static final Logger log = LoggerFactory.getLogger(SlackReassign.class);

  private final ClaimService claims;
  private final TicketStore tickets;
  private final TeamStore team;
  private final SlackMembers members;
  private final SlackInteractions interactions;
  private final MethodsClient methods;

  SlackReassign(ClaimService claims, TicketStore tickets, TeamStore team, SlackMembers members,
      SlackInteractions interactions, MethodsClient methods) {
    this.claims = claims;
    this.tickets = tickets;
    this.team = team;
    this.members = members;
    this.interactions = interactions;
    this.methods = methods;
  }

  /** The ticket message's overflow menu; its one option's value is {@code reassign:<threadId>}. */
  static OverflowMenuElement menu(String threadId) {
    return OverflowMenuElement.builder().actionId(MENU_ACTION).options(List.of(OptionObject.builder()
        .text(plainText("Reassign…")).value(REASSIGN_OPTION + ":" + threadId).build())).build();
  }

  Response menuChosen(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload payload = req.getPayload();
    String chosen = chosen(payload);
    String slackUser = payload.getUser().getId();
    String triggerId = payload.getTriggerId();
    return interactions.afterAck(ctx::ack, "slack:action:" + triggerId, () -> {
      if (!chosen.startsWith(REASSIGN_OPTION + ":")) {
        return;
      }
      String threadId = chosen.substring(REASSIGN_OPTION.length() + 1);
      interactions.asMember(slackUser, text -> SlackActions.tell(ctx, text), member -> open(ctx, threadId, member, triggerId));
    });
  }

  private void open(ActionContext ctx, String threadId, TeamMember member, String triggerId) {
    if (!member.active() || !member.role().canManageTickets()) {
      SlackActions.tell(ctx, NOT_MANAGER);
      return;
    }
    Optional<EmailThread> ticket = tickets.find(threadId);
    if (ticket.isEmpty()) {
      SlackActions.tell(ctx, "Ticket not found");
      return;
    }
    try {
      SlackCalls.call("views.open", () -> methods.viewsOpen(r -> r.triggerId(triggerId)
          .view(modal(ticket.get(), team.all()))));
    } catch (ChatException e) {
      log.warn("could not open the reassign form: {}", e.getMessage());
      SlackActions.tell(ctx, "Slack did not open the reassign form (" + e.getMessage() + "). Reassign from the dashboard.");
    }
  }

  /** The modal: the ticket's subject and owner, and a select of the active members. */
  static View modal(EmailThread ticket, List<TeamMember> all) {
    List<OptionObject> options = all.stream().filter(TeamMember::active).limit(MOST_MEMBERS)
        .map(m -> OptionObject.builder().text(plainText(SlackText.truncate(m.displayName(), 75)))
            .value(m.id()).build())
        .toList();
    String owner = ticket.owner() == null ? "Nobody owns it yet."
        : SlackTicketMessage.claimedBy(ticket.owner().name() == null ? ticket.owner().email() : ticket.owner().name());
    List<LayoutBlock> blocks = List.of(
        SectionBlock.builder().text(mrkdwn(SlackText.truncate("*" + SlackTicketMessage.subject(ticket.subject())
            + "*\n" + owner, SlackTicketMessage.TEXT_MAX))).build(),
        InputBlock.builder().blockId(BLOCK).label(plainText("New owner")).element(StaticSelectElement.builder()
            .actionId(PICK).placeholder(plainText("Choose a member")).options(options).build()).build());
    return View.builder().type("modal").callbackId(CALLBACK).privateMetadata(ticket.id())
        .title(ViewTitle.builder().type("plain_text").text("Reassign ticket").build())
        .submit(ViewSubmit.builder().type("plain_text").text("Reassign").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(blocks).build();
  }

  /** Within Slack's 3 s: the reassignment itself, a refusal shown in the modal, or the modal closed. */
  Response submit(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    ViewSubmissionPayload payload = req.getPayload();
    String threadId = payload.getView().getPrivateMetadata();
    String memberId = picked(payload);
    if (memberId == null) {
      return ctx.ackWithErrors(Map.of(BLOCK, "Choose a member"));
    }
    Optional<TeamMember> actor = members.resolve(payload.getUser().getId());
    if (actor.isEmpty()) {
      return ctx.ackWithErrors(Map.of(BLOCK, SlackMembers.UNKNOWN));
    }
    String refusal = claims.reassign(threadId, actor.get(), memberId, Via.SLACK).refusal();
    return refusal == null ? ctx.ack() : ctx.ackWithErrors(Map.of(BLOCK, refusal));
  }

  private static String picked(ViewSubmissionPayload payload) {
    if (payload.getView().getState() == null || payload.getView().getState().getValues() == null) {
      return null;
    }
    Map<String, ViewState.Value> block = payload.getView().getState().getValues().get(BLOCK);
    ViewState.Value value = block == null ? null : block.get(PICK);
    return value == null || value.getSelectedOption() == null ? null : value.getSelectedOption().getValue();
  }

  private static String chosen(BlockActionPayload payload) {
    if (payload.getActions() == null || payload.getActions().isEmpty()) {
      return "";
    }
    BlockActionPayload.Action action = payload.getActions().get(0);
    return action.getSelectedOption() == null || action.getSelectedOption().getValue() == null ? ""
        : action.getSelectedOption().getValue();
  }

}
