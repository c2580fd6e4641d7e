package io.claimdesk.bot.discord;

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
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The assignment policy in Discord: an offer is a direct message with the ticket's embed and the buttons
 * {@code offer_accept:<offerId>} / {@code offer_decline:<offerId>}, edited to show how the offer ended; a nudge is
 * a direct message with the reply link; a release is a reply to the ticket's channel message. Every message allows
 * no mention. Clicks are acknowledged at once and go to {@link AssignmentService} (a decline {@code via: discord});
 * a refusal is an ephemeral follow-up. Sending needs the gateway connection, which one instance holds: elsewhere the
 * sender's bounded retries run out and the failure is logged.
 */
final class DiscordOffers extends ListenerAdapter implements AssignmentNotices, AutoCloseable {
  static final String ACCEPT = "offer_accept";
  static final String DECLINE = "offer_decline";
  private static final String PLATFORM = "discord";

  private final DiscordInteractions interactions;
  private final TicketStore tickets;
  private final TeamStore team;
  private final String channelId;
  private final String baseUrl;
  private final NoticeSender sender = new NoticeSender(PLATFORM);
  private volatile DiscordGateway gateway;
  private volatile AssignmentService assignments;
  private volatile NoticeLog notices;

  DiscordOffers(DiscordInteractions interactions, TicketStore tickets, TeamStore team, String channelId,
      String baseUrl) {
    this.interactions = interactions;
    this.tickets = tickets;
    this.team = team;
    this.channelId = channelId;
    this.baseUrl = baseUrl;
  }

  /** The connection the messages go through (made after this listener, which it carries). */
  void sendThrough(DiscordGateway gateway) {
    this.gateway = gateway;
  }

  /** Connects the clicks to the policy and the messages to their record; before this, notices are not sent. */
  DiscordOffers bind(AssignmentService assignments, NoticeLog notices) {
    this.assignments = assignments;
    this.notices = notices;
    return this;
  }

  @Override
  public void offered(Offer offer, EmailThread ticket, TeamMember member) {
    if (member.discordUserId() == null || notices == null) {
      return;
    }
    sender.send("the offer of ticket " + ticket.id(), () -> {
      if (notices.offerMessage(offer.id(), PLATFORM).isPresent()) {
        return;
      }
      PrivateChannel dm = openDm(member.discordUserId());
      String id = DiscordCalls.call("send offer", () -> dm.sendMessage(offerMessage(card(ticket), offer))
          .complete().getId());
      notices.saveOfferMessage(offer.id(), new ChatPost(PLATFORM, dm.getId(), id));
    });
  }

  @Override
  public void offerClosed(Offer offer) {
    if (notices == null) {
      return;
    }
    sender.send("the end of offer " + offer.id(), () -> {
      Optional<String> user = team.find(offer.memberId()).map(TeamMember::discordUserId);
      if (user.isEmpty()) {
        return;
      }
      ChatPost sent = notices.offerMessage(offer.id(), PLATFORM).orElseThrow(() ->
          ChatException.transientFailure("the offer's direct message is not recorded yet", null));
      Optional<EmailThread> ticket = tickets.find(offer.threadId());
      if (ticket.isEmpty()) {
        return;
      }
      PrivateChannel dm = openDm(user.get());
      DiscordCalls.call("edit offer", () -> dm.editMessageById(sent.messageRef(),
          closedMessage(card(ticket.get()), AssignmentTexts.closed(offer))).complete());
    });
  }

  @Override
  public void nudged(EmailThread ticket, TeamMember owner, int hours) {
    if (owner.discordUserId() == null) {
      return;
    }
    sender.send("the nudge of ticket " + ticket.id(), () -> {
      PrivateChannel dm = openDm(owner.discordUserId());
      TicketCard card = card(ticket);
      MessageCreateData message = new MessageCreateBuilder()
          .setContent(DiscordText.truncate("⏰ **" + DiscordText.escape(ticket.subject()) + "**"
              + AssignmentTexts.waited(hours), 2000))
          .setComponents(ActionRow.of(Button.link(card.replyUrl(), "🔗 Click here to reply")))
          .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).mentionRepliedUser(false).build();
      DiscordCalls.call("send nudge", () -> dm.sendMessage(message).complete());
    });
  }

  @Override
  public void released(EmailThread ticket, Owner previous, int hours) {
    ticket.chat().stream().filter(p -> p.platform().equals(PLATFORM)).findFirst().ifPresent(post ->
        sender.send("the release of ticket " + ticket.id(), () -> {
          TextChannel channel = jda().getTextChannelById(post.channel() == null ? channelId : post.channel());
          if (channel == null) {
            throw new ChatException(ChatException.Kind.REJECTED, "the bot cannot see channel " + post.channel(),
                null, null);
          }
          String text = "↩️ Released from **" + DiscordText.escape(previous.displayName()) + "**"
              + AssignmentTexts.releasedAfter(hours);
          DiscordCalls.call("say release", () -> channel.sendMessage(DiscordText.truncate(text, 2000))
              .setMessageReference(post.messageRef()).failOnInvalidReply(false).mentionRepliedUser(false)
              .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).complete());
        }));
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    String id = event.getComponentId();
    int colon = id.indexOf(':');
    String action = colon < 0 ? id : id.substring(0, colon);
    if (!action.equals(ACCEPT) && !action.equals(DECLINE)) {
      return; // DiscordListener's
    }
    String offerId = id.substring(colon + 1);
    String user = event.getUser().getId();
    event.deferEdit().queue();
    InteractionHook hook = event.getHook();
    interactions.afterAck(event.getId(), () -> interactions.asMember(user, hook, member -> {
      AssignmentService service = assignments;
      OfferOutcome outcome = service == null ? new OfferOutcome.NoLongerOpen()
          : action.equals(ACCEPT) ? service.accept(offerId, member) : service.decline(offerId, member, Via.DISCORD);
      // the message itself is edited by offerClosed; a refusal (someone else's, closed, unknown) is said here
      if (!(outcome instanceof OfferOutcome.Accepted) && !(outcome instanceof OfferOutcome.Declined)) {
        DiscordInteractions.tell(hook, AssignmentTexts.NO_LONGER_OPEN);
      }
    }));
  }

  static MessageCreateData offerMessage(TicketCard card, Offer offer) {
    return new MessageCreateBuilder()
        .setContent(AssignmentTexts.OFFERED + " (answer within " + AssignmentTexts.within(offer) + ")")
        .setEmbeds(DiscordTicketMessage.embed(card))
        .setComponents(ActionRow.of(Button.success(ACCEPT + ":" + offer.id(), "Accept"),
            Button.danger(DECLINE + ":" + offer.id(), "Decline"), Button.link(card.replyUrl(), "🔗 Reply page")))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .build();
  }

  static MessageEditData closedMessage(TicketCard card, String outcome) {
    return new MessageEditBuilder()
        .setContent(outcome)
        .setEmbeds(DiscordTicketMessage.embed(card))
        .setComponents(List.of())
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .build();
  }

  private PrivateChannel openDm(String discordUserId) {
    return DiscordCalls.call("open direct message", () -> jda().openPrivateChannelById(discordUserId).complete());
  }

  private JDA jda() {
    DiscordGateway current = gateway;
    if (current == null || !current.started()) {
      throw ChatException.transientFailure("the Discord connection is not up on this instance", null);
    }
    return current.jda();
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
