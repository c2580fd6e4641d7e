package io.claimdesk.bot.slack;

import static io.claimdesk.bot.slack.SlackTicketMessage.button;
import static io.claimdesk.bot.slack.SlackTicketMessage.mrkdwn;
import static io.claimdesk.bot.slack.SlackTicketMessage.plainText;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import io.claimdesk.core.savedreply.SavedReply;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import io.claimdesk.bot.sync.TicketCard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Slack views beyond the ticket message: the reply modal and its follow-ups, the ticket list and the App Home. */
public final class SlackViews {

  public static final String REPLY_CALLBACK = "reply_modal";
  public static final String REPLY_BLOCK = "reply";
  public static final String REPLY_ACTION = "body";
  /** The reply modal's optional choice of a saved reply; the option values are saved reply ids. */
  public static final String SAVED_BLOCK = "saved";
  public static final String SAVED_ACTION = "saved_reply";
  public static final String NOTE_CALLBACK = "note_modal";
  public static final String NOTE_BLOCK = "note";
  public static final String NOTE_ACTION = "note_input";
  /** Slack's limits: 100 options a select, 75 characters an option's text. */
  static final int SAVED_MAX = 100;

  /** Tickets shown per list; 2 lists of 20 plus their headings fit the 50 blocks of a message. */
  static final int LIST_MAX = 20;
  static final int REPLY_MAX = 3000;

  private static final String TITLE = "Reply to ticket"; // modal titles hold 24 chars
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private SlackViews() {}

  /** The modal the Reply button opens: the ticket, its latest customer message, and a reply box. */
  public static View replyModal(TicketCard card, String latestFrom, String latestText, Instant latestAt) {
    return replyModal(card, latestFrom, latestText, latestAt, List.of());
  }

  /**
   * The same with the team's saved replies offered in a select: the chosen text is sent as the reply when the box
   * is left empty, or put above what was written. The box is then optional, so that a saved reply alone can go.
   */
  public static View replyModal(TicketCard card, String latestFrom, String latestText, Instant latestAt,
      List<SavedReply> saved) {
    List<LayoutBlock> blocks = new ArrayList<>();
    String heading = "*" + SlackTicketMessage.subject(card.subject()) + "*\nFrom " + SlackTicketMessage.from(card);
    blocks.add(section(SlackText.truncate(heading, SlackTicketMessage.TEXT_MAX)));
    blocks.add(section(latestText == null || latestText.isBlank() ? "_No message text_"
        : SlackTicketMessage.quote(latestText.strip(), SlackTicketMessage.TEXT_MAX)));
    blocks.add(context(latestLine(latestFrom, latestAt)));
    if (card.owned()) {
      blocks.add(context(SlackTicketMessage.claimedBy(card.ownerName())));
    }
    PlainTextInputElement input = PlainTextInputElement.builder()
        .actionId(REPLY_ACTION).multiline(true).minLength(1).maxLength(REPLY_MAX)
        .placeholder(plainText("Write your reply…")).build();
    if (!saved.isEmpty()) {
      List<OptionObject> options = new ArrayList<>();
      for (SavedReply r : saved.subList(0, Math.min(SAVED_MAX, saved.size()))) {
        options.add(OptionObject.builder().text(plainText(SlackText.truncate(r.title(), 75))).value(r.id()).build());
      }
      blocks.add(InputBlock.builder().blockId(SAVED_BLOCK).optional(true).label(plainText("Saved reply"))
          .hint(plainText("Sent as the reply when the box below is empty, else put above your text."))
          .element(StaticSelectElement.builder().actionId(SAVED_ACTION).placeholder(plainText("None"))
              .options(options).build()).build());
    }
    blocks.add(InputBlock.builder().blockId(REPLY_BLOCK).optional(!saved.isEmpty()).label(plainText("Your reply"))
        .element(input).build());
    return modal(card.threadId(), blocks).submit(ViewSubmit.builder().type("plain_text").text("Send").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build()).build();
  }

  /** The modal of the "Add note" shortcut: the ticket, and a box whose text becomes an internal note. */
  public static View noteModal(TicketCard card) {
    List<LayoutBlock> blocks = new ArrayList<>();
    String heading = "*" + SlackTicketMessage.subject(card.subject()) + "*\nFrom " + SlackTicketMessage.from(card);
    blocks.add(section(SlackText.truncate(heading, SlackTicketMessage.TEXT_MAX)));
    blocks.add(context("Seen by the team only, never sent to the customer; adding it does not claim the ticket."));
    PlainTextInputElement input = PlainTextInputElement.builder().actionId(NOTE_ACTION).multiline(true)
        .minLength(1).maxLength(REPLY_MAX).placeholder(plainText("A note for the team…")).build();
    blocks.add(InputBlock.builder().blockId(NOTE_BLOCK).label(plainText("Internal note")).element(input).build());
    return View.builder().type("modal").callbackId(NOTE_CALLBACK).privateMetadata(card.threadId())
        .title(ViewTitle.builder().type("plain_text").text("Add note").build()).blocks(blocks)
        .submit(ViewSubmit.builder().type("plain_text").text("Add note").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build()).build();
  }

  /** What the note modal shows once the note is stored. */
  public static View noteAddedModal(String threadId, String mrkdwnMessage) {
    return View.builder().type("modal").callbackId(NOTE_CALLBACK).privateMetadata(threadId)
        .title(ViewTitle.builder().type("plain_text").text("Add note").build())
        .blocks(List.of(section(SlackText.truncate(mrkdwnMessage, SlackTicketMessage.TEXT_MAX))))
        .close(ViewClose.builder().type("plain_text").text("Close").build()).build();
  }

  /** What the reply modal turns into while the reply is being sent: no submit, so it cannot be sent twice. */
  public static View sendingModal(String threadId) {
    return modal(threadId, List.of(section("Sending your reply…")))
        .close(ViewClose.builder().type("plain_text").text("Close").build()).build();
  }

  /** What the reply modal shows once the send is done; the message is mrkdwn with any customer text escaped. */
  public static View resultModal(String threadId, String mrkdwnMessage) {
    return modal(threadId, List.of(section(SlackText.truncate(mrkdwnMessage, SlackTicketMessage.TEXT_MAX))))
        .close(ViewClose.builder().type("plain_text").text("Close").build()).build();
  }

  /**
   * The caller's tickets then the unassigned ones (in the given order; callers pass oldest first), at most
   * {@link #LIST_MAX} of each with a pointer to the dashboard for the rest: at most 45 blocks in all.
   */
  public static List<LayoutBlock> ticketList(List<TicketCard> mine, List<TicketCard> unassigned,
      String dashboardUrl) {
    List<LayoutBlock> blocks = new ArrayList<>();
    Set<String> blockIds = new HashSet<>();
    addList(blocks, blockIds, "*Your tickets*", mine, "Nothing here 🎉", false, dashboardUrl);
    blocks.add(DividerBlock.builder().build());
    addList(blocks, blockIds, "*Unassigned*", unassigned, "No unassigned tickets", true, dashboardUrl);
    return blocks;
  }

  /** The App Home tab: the same lists as {@link #ticketList}. */
  public static View homeTab(List<TicketCard> mine, List<TicketCard> unassigned, String dashboardUrl) {
    return View.builder().type("home").blocks(ticketList(mine, unassigned, dashboardUrl)).build();
  }

  private static void addList(List<LayoutBlock> blocks, Set<String> blockIds, String heading,
      List<TicketCard> cards, String empty, boolean claim, String dashboardUrl) {
    List<TicketCard> list = cards == null ? List.of() : cards;
    blocks.add(section(heading + " (" + list.size() + ")"));
    if (list.isEmpty()) {
      blocks.add(context(empty));
      return;
    }
    for (TicketCard card : list.subList(0, Math.min(LIST_MAX, list.size()))) {
      // block_ids must be unique in a message: a ticket listed twice gets one generated by Slack instead
      String blockId = "t:" + card.threadId();
      SectionBlock.SectionBlockBuilder section = SectionBlock.builder().text(mrkdwn(ticketLine(card)))
          .blockId(blockId.length() <= 255 && blockIds.add(blockId) ? blockId : null)
          .accessory(claim ? button("Claim", SlackTicketMessage.CLAIM_ACTION, card.threadId(), "primary")
              : button("Reply", SlackTicketMessage.REPLY_ACTION, card.threadId(), null));
      blocks.add(section.build());
    }
    if (list.size() > LIST_MAX) {
      String link = SlackText.link(dashboardUrl, "dashboard");
      blocks.add(context("…and " + (list.size() - LIST_MAX) + " more on the " + (link == null ? "dashboard" : link)));
    }
  }

  /** {@code *Subject*} then who wrote, the status and the mailbox, all escaped. */
  static String ticketLine(TicketCard card) {
    String sender = card.fromName() != null && !card.fromName().isBlank() ? card.fromName() : card.fromEmail();
    String line = "*" + SlackText.mrkdwn(subjectOrNone(card.subject()), 300) + "*\nFrom "
        + SlackText.mrkdwn(sender == null || sender.isBlank() ? "unknown sender" : sender.strip(),
            SlackTicketMessage.NAME_MAX)
        + " · " + SlackText.escape(card.status())
        + " · " + SlackText.mrkdwn(card.mailbox(), SlackTicketMessage.EMAIL_MAX);
    return SlackText.truncate(line, SlackTicketMessage.TEXT_MAX);
  }

  private static String subjectOrNone(String subject) {
    return subject == null || subject.isBlank() ? "(no subject)" : subject.strip();
  }

  private static String latestLine(String latestFrom, Instant latestAt) {
    String who = latestFrom == null || latestFrom.isBlank() ? "Customer"
        : SlackText.mrkdwn(latestFrom.strip(), SlackTicketMessage.NAME_MAX);
    if (latestAt == null) {
      return "Latest message from " + who;
    }
    // Slack shows a date token in each reader's own time zone; the text after | is for clients that cannot.
    return "Latest message from " + who + " · <!date^" + latestAt.getEpochSecond()
        + "^{date_short_pretty} at {time}|" + WHEN.format(latestAt) + ">";
  }

  private static View.ViewBuilder modal(String threadId, List<LayoutBlock> blocks) {
    return View.builder().type("modal").callbackId(REPLY_CALLBACK).privateMetadata(threadId)
        .title(ViewTitle.builder().type("plain_text").text(TITLE).build()).blocks(blocks);
  }

  private static SectionBlock section(String mrkdwnText) {
    return SectionBlock.builder().text(mrkdwn(mrkdwnText)).build();
  }

  private static ContextBlock context(String mrkdwnText) {
    return ContextBlock.builder().elements(List.of(mrkdwn(mrkdwnText))).build();
  }
}
