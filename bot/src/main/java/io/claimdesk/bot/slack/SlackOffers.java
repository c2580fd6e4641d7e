package io.claimdesk.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import io.claimdesk.bot.sync.AssignmentTexts;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.bot.sync.NoticeSender;
import io.claimdesk.bot.sync.TicketCard;
import io.claimdesk.core.assignment.AssignmentNotices;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.assignment.OfferOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.ChatPost;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The assignment policy in Slack: an offer is a direct message with the ticket's card and Accept / Decline
 * (actions {@code offer_accept} and {@code offer_decline}, the offer id as value), edited to show how the offer
 * ended; a nudge is a direct message with the reply link; a release is said in the thread of the ticket's channel
 * message. Clicks go to {@link AssignmentService} (a decline {@code via: slack}); a refusal is answered to the
 * clicking user alone. Where each direct message is is kept in {@link NoticeLog}, so any instance can edit it.
 */
final class SlackOffers implements AssignmentNotices, AutoCloseable {
  static final String ACCEPT = "offer_accept";
  static final String DECLINE = "offer_decline";
  static final String BLOCK = "offer";
  private static final String PLATFORM = "slack";

  private final MethodsClient methods;
  private final SlackInteractions interactions;
  private final TicketStore tickets;
  private final TeamStore team;
  private final String baseUrl;
  private final NoticeSender sender = new NoticeSender(PLATFORM);
  private volatile AssignmentService assignments;
  private volatile NoticeLog notices;

  SlackOffers(MethodsClient methods, SlackInteractions interactions, TicketStore tickets, TeamStore team,
      String baseUrl) {
    this.methods = methods;
    this.interactions = interactions;
    this.tickets = tickets;
    this.team = team;
    this.baseUrl = baseUrl;
  }

  /** Connects the clicks to the policy and the messages to their record; before this, notices are not sent. */
  SlackOffers bind(AssignmentService assignments, NoticeLog notices) {
    this.assignments = assignments;
    this.notices = notices;
    return this;
  }

  @Override
  public void offered(Offer offer, EmailThread ticket, TeamMember member) {
    if (member.slackUserId() == null || notices == null) {
      return;
    }
    sender.send("the offer of ticket " + ticket.id(), () -> {
      if (notices.offerMessage(offer.id(), PLATFORM).isPresent()) {
        return; // sent by an earlier attempt whose answer was lost
      }
      String dm = openDm(member.slackUserId());
      TicketCard card = card(ticket);
      String ts = SlackCalls.call("chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(dm)
          .text(AssignmentTexts.OFFERED + ": " + SlackTicketMessage.subject(card.subject()))
          .blocks(blocks(card, offer, null)).unfurlLinks(false).unfurlMedia(false))).getTs();
      notices.saveOfferMessage(offer.id(), new ChatPost(PLATFORM, dm, ts));
    });
  }

  @Override
  public void offerClosed(Offer offer) {
    if (notices == null) {
      return;
    }
    sender.send("the end of offer " + offer.id(), () -> {
      if (team.find(offer.memberId()).map(TeamMember::slackUserId).isEmpty()) {
        return; // no direct message was sent
      }
      // the direct message may still be on its way from this or another instance: the sender tries again
      ChatPost dm = notices.offerMessage(offer.id(), PLATFORM).orElseThrow(() ->
          ChatException.transientFailure("the offer's direct message is not recorded yet", null));
      Optional<EmailThread> ticket = tickets.find(offer.threadId());
      if (ticket.isEmpty()) {
        return;
      }
      TicketCard card = card(ticket.get());
      String outcome = AssignmentTexts.closed(offer);
      SlackCalls.call("chat.update", () -> methods.chatUpdate(r -> r.channel(dm.channel()).ts(dm.messageRef())
          .text(outcome + ": " + SlackTicketMessage.subject(card.subject())).blocks(blocks(card, offer, outcome))));
    });
  }

  @Override
  public void nudged(EmailThread ticket, TeamMember owner, int hours) {
    if (owner.slackUserId() == null) {
      return;
    }
    sender.send("the nudge of ticket " + ticket.id(), () -> {
      String dm = openDm(owner.slackUserId());
      TicketCard card = card(ticket);
      String text = "⏰ *" + SlackTicketMessage.subject(ticket.subject()) + "*" + AssignmentTexts.waited(hours);
      String link = SlackText.link(card.replyUrl(), "🔗 Click here to reply");
      SlackCalls.call("chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(dm)
          .text(link == null ? text : text + "\n" + link).unfurlLinks(false).unfurlMedia(false)));
    });
  }

  @Override
  public void released(EmailThread ticket, Owner previous, int hours) {
    ticket.chat().stream().filter(p -> p.platform().equals(PLATFORM)).findFirst().ifPresent(post ->
        sender.send("the release of ticket " + ticket.id(), () -> SlackCalls.call("chat.postMessage", () ->
            methods.chatPostMessage(r -> r.channel(post.channel()).threadTs(post.messageRef())
                .text("↩️ Released from *" + SlackText.mrkdwn(previous.displayName(), SlackTicketMessage.NAME_MAX)
                    + "*" + AssignmentTexts.releasedAfter(hours))))));
  }

  Response accept(BlockActionRequest req, ActionContext ctx) {
    return answer(req, ctx, (offerId, member) -> assignments.accept(offerId, member));
  }

  Response decline(BlockActionRequest req, ActionContext ctx) {
    return answer(req, ctx, (offerId, member) -> assignments.decline(offerId, member, Via.SLACK));
  }

  private Response answer(BlockActionRequest req, ActionContext ctx,
      BiFunction<String, TeamMember, OfferOutcome> action) {
    BlockActionPayload payload = req.getPayload();
    String offerId = payload.getActions() == null || payload.getActions().isEmpty() ? ""
        : payload.getActions().get(0).getValue();
    String slackUser = payload.getUser().getId();
    return interactions.afterAck(ctx::ack, "slack:action:" + payload.getTriggerId(), () ->
        interactions.asMember(slackUser, text -> SlackActions.tell(ctx, text), member -> {
          OfferOutcome outcome = assignments == null ? new OfferOutcome.NoLongerOpen()
              : action.apply(offerId, member);
          // the message itself is edited by offerClosed; a refusal (someone else's, closed, unknown) is said here
          if (!(outcome instanceof OfferOutcome.Accepted) && !(outcome instanceof OfferOutcome.Declined)) {
            SlackActions.tell(ctx, AssignmentTexts.NO_LONGER_OPEN);
          }
        }));
  }

  /** The ticket card without its channel buttons, then Accept / Decline, or the outcome once closed. */
  static List<LayoutBlock> blocks(TicketCard card, Offer offer, String outcome) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(SectionBlock.builder().text(SlackTicketMessage.mrkdwn("*" + AssignmentTexts.OFFERED + "*"
        + (outcome == null ? " (answer within " + AssignmentTexts.within(offer) + ")" : ""))).build());
    for (LayoutBlock block : SlackTicketMessage.blocks(card)) {
      if (!(block instanceof ActionsBlock)) {
        blocks.add(block);
      }
    }
    if (outcome == null) {
      blocks.add(ActionsBlock.builder().blockId(BLOCK).elements(List.of(
          SlackTicketMessage.button("Accept", ACCEPT, offer.id(), "primary"),
          SlackTicketMessage.button("Decline", DECLINE, offer.id(), "danger"))).build());
    } else {
      blocks.add(ContextBlock.builder().elements(List.of(SlackTicketMessage.mrkdwn("*" + outcome + "*"))).build());
    }
    return blocks;
  }

  private String openDm(String slackUserId) {
    return SlackCalls.call("conversations.open", () -> methods.conversationsOpen(r -> r.users(List.of(slackUserId))))
        .getChannel().getId();
  }

  private TicketCard card(EmailThread ticket) {
    String first = tickets.message(ticket.id(), 1).map(ThreadMessage::text).orElse("");
    return TicketCard.of(ticket, first, baseUrl);
  }


  @Override
  public void close() {
    sender.close();
  }
}
