package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.TicketCard;
import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The Discord message of a ticket: one embed (title {@code 📧 New email to <mailbox>}, the customer's snippet as
 * its description, From / Subject / Status fields, {@code 👤 Claimed by <name>} when owned) and one row of
 * buttons ({@code claim:<id>} or {@code unclaim:<id>}, {@code reply:<id>}, and a link to the reply page). Every
 * text is cut to Discord's embed limits without splitting a character, customer text is escaped, and the message
 * allows no mention.
 */
public final class DiscordTicketMessage {
  public static final String CLAIM = "claim";
  public static final String UNCLAIM = "unclaim";
  public static final String REPLY = "reply";
  public static final String REPLY_MODAL = "reply_modal";

  // Discord's embed limits
  static final int TITLE_MAX = 256;
  static final int DESCRIPTION_MAX = 4096;
  static final int FIELD_NAME_MAX = 256;
  static final int FIELD_MAX = 1024;
  static final int FOOTER_MAX = 2048;
  static final int TOTAL_MAX = 6000;
  static final int FIELDS_MAX = 25;
  static final int LABEL_MAX = 80;

  private static final Color OPEN = new Color(0xE67E22);
  private static final Color OWNED = new Color(0x3498DB);
  private static final Color RESOLVED = new Color(0x2ECC71);

  private DiscordTicketMessage() {}

  /** The embed, within every limit. */
  public static MessageEmbed embed(TicketCard card) {
    EmbedBuilder embed = new EmbedBuilder()
        .setTitle(DiscordText.truncate(DiscordText.plain("📧 New email to " + card.mailbox()), TITLE_MAX))
        .setColor("resolved".equalsIgnoreCase(card.status()) ? RESOLVED : card.owned() ? OWNED : OPEN)
        .addField("From", DiscordText.truncate(from(card), FIELD_MAX), true)
        .addField("Status", DiscordText.truncate(DiscordText.escape(card.status()), FIELD_MAX), true)
        .addField("Subject", DiscordText.truncate(DiscordText.escape(card.subject()), FIELD_MAX), false)
        .setFooter("Ticket " + card.threadId());
    if (card.owned()) {
      embed.addField("Owner", DiscordText.truncate("👤 Claimed by " + DiscordText.escape(card.ownerName()),
          FIELD_MAX), false);
    }
    String snippet = card.snippet() == null || card.snippet().isBlank() ? "" : DiscordText.escape(card.snippet());
    // what the fields and title leave of the 6000 characters a whole embed may hold
    int room = TOTAL_MAX - (embed.length() - embed.getDescriptionBuilder().length());
    embed.setDescription(DiscordText.truncate(snippet, Math.min(DESCRIPTION_MAX, room)));
    return embed.build();
  }

  /** The rows of buttons: Claim or Unclaim, Reply, and the link to the reply page; then Reassign. */
  public static List<ActionRow> components(TicketCard card) {
    List<Button> buttons = new ArrayList<>();
    buttons.add(card.owned() ? Button.secondary(UNCLAIM + ":" + card.threadId(), "Unclaim")
        : Button.primary(CLAIM + ":" + card.threadId(), "Claim"));
    buttons.add(Button.secondary(REPLY + ":" + card.threadId(), "Reply"));
    buttons.add(Button.link(card.replyUrl(), "🔗 Click here to reply"));
    // Reassign (managers) in a row of its own, so that the first row stays Claim/Unclaim, Reply and the link
    return List.of(ActionRow.of(buttons), DiscordReassign.row(card.threadId()));
  }

  /** The message to post, with no mention allowed. */
  public static MessageCreateData create(TicketCard card) {
    return new MessageCreateBuilder()
        .setEmbeds(embed(card))
        .setComponents(components(card))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .build();
  }

  /** The edit that replaces a posted message with the card. */
  public static MessageEditData edit(TicketCard card) {
    return new MessageEditBuilder()
        .setContent("")
        .setEmbeds(embed(card))
        .setComponents(components(card))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRepliedUser(false)
        .build();
  }

  /** The message as JDA sends it (embeds, components, allowed_mentions), for fingerprints and tests. */
  public static String json(TicketCard card) {
    try (MessageCreateData data = create(card)) {
      return data.toData().toString();
    }
  }

  private static String from(TicketCard card) {
    String email = DiscordText.escape(card.fromEmail());
    if (card.fromName() == null || card.fromName().isBlank()) {
      return email;
    }
    return DiscordText.truncate(DiscordText.escape(card.fromName()), 400) + " (" + email + ")";
  }
}
