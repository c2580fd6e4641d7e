package io.claimdesk.bot.slack;

import com.google.gson.Gson;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonFactory;
import io.claimdesk.bot.sync.TicketCard;
import java.util.ArrayList;
import java.util.List;

/**
 * The Slack message of a ticket in Block Kit: title, From/Subject/Status, snippet, who claimed it, the
 * Claim or Unclaim and Reply buttons, and a link to the reply page. Every customer text goes through
 * {@link SlackText}, and every text is cut to its Block Kit limit so a long email never gets the message rejected.
 */
public final class SlackTicketMessage {

  /** block_id of the buttons; action handlers find the ticket in each button's value (the threadId). */
  public static final String ACTIONS_BLOCK = "ticket";
  public static final String CLAIM_ACTION = "claim";
  public static final String UNCLAIM_ACTION = "unclaim";
  public static final String REPLY_ACTION = "reply";

  // Block Kit limits.
  static final int HEADER_MAX = 150;
  static final int FIELD_MAX = 2000;
  static final int TEXT_MAX = 3000;
  static final int FALLBACK_MAX = 300;
  // Room kept for each part of a composed line, so one long part cannot push the others out.
  static final int NAME_MAX = 200;
  static final int EMAIL_MAX = 320;

  private static final Gson GSON = GsonFactory.createSnakeCase();

  private SlackTicketMessage() {}

  /** The Block Kit blocks of the ticket's message. */
  public static List<LayoutBlock> blocks(TicketCard card) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(HeaderBlock.builder().text(plainText(SlackText.plain(title(card), HEADER_MAX))).build());
    List<TextObject> fields = List.of(
        mrkdwn(SlackText.truncate("*From*\n" + from(card), FIELD_MAX)),
        mrkdwn(SlackText.truncate("*Subject*\n" + subject(card.subject()), FIELD_MAX)),
        mrkdwn(SlackText.truncate("*Status*\n" + SlackText.escape(card.status()), FIELD_MAX)));
    blocks.add(SectionBlock.builder().fields(fields).build());
    if (card.snippet() != null && !card.snippet().isBlank()) {
      blocks.add(SectionBlock.builder().text(mrkdwn(quote(card.snippet(), TEXT_MAX))).build());
    }
    if (card.owned()) {
      blocks.add(ContextBlock.builder().elements(List.of(mrkdwn(claimedBy(card.ownerName())))).build());
    }
    if (card.lastCall() != null) {
      blocks.add(ContextBlock.builder().elements(List.of(mrkdwn(SlackText.truncate(
          SlackText.escape(card.lastCall()), FIELD_MAX)))).build());
    }
    List<BlockElement> buttons = List.of(
        card.owned()
            ? button("Unclaim", UNCLAIM_ACTION, card.threadId(), null)
            : button("Claim", CLAIM_ACTION, card.threadId(), "primary"),
        button("Reply", REPLY_ACTION, card.threadId(), null),
        // one message for the whole channel: the menu is there for everyone, and refused to agents when chosen
        SlackReassign.menu(card.threadId()));
    blocks.add(ActionsBlock.builder().blockId(ACTIONS_BLOCK).elements(buttons).build());
    String link = SlackText.link(card.replyUrl(), "🔗 Click here to reply");
    if (link != null) {
      blocks.add(ContextBlock.builder().elements(List.of(mrkdwn(link))).build());
    }
    return blocks;
  }

  /** The notification text sent along with the blocks: who wrote to which mailbox about what, escaped. */
  public static String fallbackText(TicketCard card) {
    String sender = card.fromName() != null && !card.fromName().isBlank() ? card.fromName() : card.fromEmail();
    String text = "📧 New email to " + SlackText.mrkdwn(card.mailbox(), EMAIL_MAX);
    if (sender != null && !sender.isBlank()) {
      text += " from " + SlackText.mrkdwn(sender, NAME_MAX);
    }
    return SlackText.truncate(text + ": " + subject(card.subject()), FALLBACK_MAX);
  }

  /** The JSON of the blocks, as Slack receives it; equal JSON means an update would change nothing visible. */
  public static String render(TicketCard card) {
    return GSON.toJson(blocks(card));
  }

  static String title(TicketCard card) {
    return "📧 New email to " + (card.mailbox() == null ? "" : card.mailbox());
  }

  /** "Name &lt;email&gt;", or the email alone, escaped; each part cut so that both show. */
  static String from(TicketCard card) {
    String email = SlackText.mrkdwn(card.fromEmail(), EMAIL_MAX);
    if (card.fromName() == null || card.fromName().isBlank()) {
      return email.isBlank() ? "(unknown sender)" : email;
    }
    String name = SlackText.mrkdwn(card.fromName().strip(), NAME_MAX);
    return email.isBlank() ? name : name + " &lt;" + email + "&gt;";
  }

  /** The escaped subject, cut to a length that leaves room in every line that shows it. */
  static String subject(String subject) {
    return subject == null || subject.isBlank() ? "(no subject)" : SlackText.mrkdwn(subject.strip(), 1000);
  }

  /** The raw text escaped as a mrkdwn quote, every line quoted, at most maxChars chars. */
  static String quote(String raw, int maxChars) {
    return SlackText.truncate(">" + SlackText.escape(raw).replace("\n", "\n>"), maxChars);
  }

  static String claimedBy(String ownerName) {
    return "👤 Claimed by *" + SlackText.mrkdwn(ownerName, NAME_MAX) + "*";
  }

  static MarkdownTextObject mrkdwn(String text) {
    // verbatim: Slack must not turn customer URLs, #names or @names into links on its own
    return MarkdownTextObject.builder().text(text).verbatim(true).build();
  }

  static PlainTextObject plainText(String text) {
    return PlainTextObject.builder().text(text).emoji(true).build();
  }

  static ButtonElement button(String text, String actionId, String value, String style) {
    return ButtonElement.builder().text(plainText(text)).actionId(actionId).value(value).style(style).build();
  }
}
