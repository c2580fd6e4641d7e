package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.AssignmentTexts;
import io.claimdesk.bot.sync.TicketCard;
import io.claimdesk.core.assignment.Offer;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The direct messages of the assignment policy in Discord: an offer (the ticket's embed, Accept / Decline and the
 * reply link), the same once closed (the outcome, no buttons), and a nudge. None allows a mention.
 */
final class DiscordOfferMessages {
  static final String ACCEPT = "offer_accept";
  static final String DECLINE = "offer_decline";

  private DiscordOfferMessages() {}

  static MessageCreateData offer(TicketCard card, Offer offer) {
    return new MessageCreateBuilder()
        .setContent(AssignmentTexts.OFFERED + " (answer within " + AssignmentTexts.within(offer) + ")")
        .setEmbeds(DiscordTicketMessage.embed(card))
        .setComponents(ActionRow.of(Button.success(ACCEPT + ":" + offer.id(), "Accept"),
            Button.danger(DECLINE + ":" + offer.id(), "Decline"), Button.link(card.replyUrl(), "🔗 Reply page")))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .build();
  }

  static MessageEditData closed(TicketCard card, String outcome) {
    return new MessageEditBuilder()
        .setContent(outcome)
        .setEmbeds(DiscordTicketMessage.embed(card))
        .setComponents(List.of())
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .build();
  }

  static MessageCreateData nudge(TicketCard card, int hours) {
    return new MessageCreateBuilder()
        .setContent(DiscordText.truncate("⏰ **" + DiscordText.escape(card.subject()) + "**"
            + AssignmentTexts.waited(hours), 2000))
        .setComponents(ActionRow.of(Button.link(card.replyUrl(), "🔗 Click here to reply")))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .build();
  }

  static String released(String previousName, int hours) {
    return DiscordText.truncate("↩️ Released from **" + DiscordText.escape(previousName) + "**"
        + AssignmentTexts.releasedAfter(hours), 2000);
  }
}
