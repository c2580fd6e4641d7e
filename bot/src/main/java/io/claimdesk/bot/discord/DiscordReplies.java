package io.claimdesk.bot.discord;

import io.claimdesk.core.claim.Via;
import io.claimdesk.core.reply.ReplyOutcome;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.savedreply.SavedReply;
import io.claimdesk.core.savedreply.SavedReplyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.ModalTopLevelComponent;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * Reply: the button answers with the modal {@code reply_modal:<id>} (a modal must be the first answer, so this is
 * the one handler that reads the database before answering: the member and the ticket, a few indexed reads, on the
 * executor), showing
 * the latest customer message above a paragraph input {@code body}. The submission is acknowledged with a private
 * deferred reply, then goes through {@link ReplyService} (auto-claim, owner only, a failed send kept for retry)
 * and the outcome is told privately.
 */
final class DiscordReplies {
  static final String BODY = "body";
  static final String SAVED = "saved";
  /** Discord's limit of options in one select menu. */
  static final int SAVED_MAX = 25;
  static final int BODY_MAX = 4000;
  static final String REPLIES_OFF = "Replies are off: claimdesk has no SMTP server configured.";

  private final ReplyService replies;
  private final TicketStore tickets;
  private final DiscordMembers members;
  private final DiscordInteractions interactions;
  private final SavedReplyStore savedReplies;

  DiscordReplies(ReplyService replies, TicketStore tickets, DiscordMembers members,
      DiscordInteractions interactions, SavedReplyStore savedReplies) {
    this.savedReplies = savedReplies;
    this.replies = replies;
    this.tickets = tickets;
    this.members = members;
    this.interactions = interactions;
  }

  void open(ButtonInteractionEvent event, String threadId) {
    interactions.beforeAck(() -> answer(event, threadId));
  }

  private void answer(ButtonInteractionEvent event, String threadId) {
    if (replies == null) {
      event.reply(REPLIES_OFF).setEphemeral(true).queue();
      return;
    }
    Optional<TeamMember> member = members.resolve(event.getUser().getId());
    if (member.isEmpty()) {
      event.reply(DiscordMembers.UNKNOWN).setEphemeral(true).queue();
      return;
    }
    Optional<EmailThread> ticket = tickets.find(threadId);
    if (ticket.isEmpty()) {
      event.reply("Ticket not found").setEphemeral(true).queue();
      return;
    }
    if (ticket.get().isOwned() && !ticket.get().isOwnedBy(member.get().id())) {
      event.reply("Ticket is already claimed by " + ticket.get().owner().email()).setEphemeral(true).queue();
      return;
    }
    event.replyModal(modal(ticket.get(), latestFromCustomer(ticket.get()),
        savedReplies == null ? List.of() : savedReplies.all())).queue();
  }

  static Modal modal(EmailThread ticket, Optional<ThreadMessage> latest) {
    return modal(ticket, latest, List.of());
  }

  /**
   * The reply modal; with saved replies, a select of them (Discord modals take select menus inside a label) whose
   * text is sent when the box is left empty, or put above what was written. The box is then optional.
   */
  static Modal modal(EmailThread ticket, Optional<ThreadMessage> latest, List<SavedReply> saved) {
    String shown = latest.map(m -> "**" + DiscordText.escape(m.fromName() == null ? m.from() : m.fromName())
        + "** wrote:\n>>> " + DiscordText.escape(m.text())).orElse("*No message from the customer yet.*");
    return Modal.create(DiscordTicketMessage.REPLY_MODAL + ":" + ticket.id(),
            DiscordText.truncate("Reply: " + DiscordText.plain(ticket.subject()), Modal.MAX_TITLE_LENGTH))
        .addComponents(components(shown, ticket, saved))
        .build();
  }

  private static List<ModalTopLevelComponent> components(String shown, EmailThread ticket, List<SavedReply> saved) {
    List<ModalTopLevelComponent> components = new ArrayList<>();
    components.add(TextDisplay.of(DiscordText.truncate(shown, 3500)));
    if (!saved.isEmpty()) {
      StringSelectMenu.Builder menu = StringSelectMenu.create(SAVED).setRequired(false).setPlaceholder("None");
      for (SavedReply r : saved.subList(0, Math.min(SAVED_MAX, saved.size()))) {
        menu.addOption(DiscordText.truncate(r.title(), 100), r.id());
      }
      // a label holds 45 characters; the how-to goes in its description
      components.add(Label.of("Saved reply", "Sent when the box below is empty, else put above your text",
          menu.build()));
    }
    components.add(Label.of("Your reply to " + DiscordText.truncate(ticket.customerEmail(), 30),
        TextInput.create(BODY, TextInputStyle.PARAGRAPH).setMaxLength(BODY_MAX).setRequired(saved.isEmpty())
            .build()));
    return components;
  }

  void submit(ModalInteractionEvent event, String threadId) {
    ModalMapping value = event.getValue(BODY);
    ModalMapping chosen = event.getValue(SAVED);
    String savedId = chosen == null || chosen.getAsStringList().isEmpty() ? null : chosen.getAsStringList().get(0);
    String written = value == null ? "" : value.getAsString();
    String user = event.getUser().getId();
    event.deferReply(true).queue();
    InteractionHook hook = event.getHook();
    interactions.afterAck(event.getId(), () -> {
      if (replies == null) {
        hook.editOriginal(REPLIES_OFF).queue();
        return;
      }
      Optional<TeamMember> member = members.resolve(user);
      if (member.isEmpty()) {
        hook.editOriginal(DiscordMembers.UNKNOWN).queue();
        return;
      }
      String body = withSaved(written, savedId);
      hook.editOriginal(DiscordText.truncate(outcome(replies.reply(threadId, member.get(), body, Via.DISCORD)),
          2000)).queue();
    });
  }

  /** The chosen saved reply's text when nothing was written, else above what was; what was written otherwise. */
  private String withSaved(String written, String savedId) {
    Optional<SavedReply> saved = savedId == null || savedReplies == null ? Optional.empty()
        : savedReplies.find(savedId);
    if (saved.isEmpty()) {
      return written;
    }
    return written == null || written.isBlank() ? saved.get().body() : saved.get().body() + "\n\n" + written;
  }

  private static String outcome(ReplyOutcome outcome) {
    if (outcome instanceof ReplyOutcome.Sent sent) {
      return "✅ Reply sent to " + DiscordText.escape(sent.thread().customerEmail()) + ". You own this ticket.";
    } else if (outcome instanceof ReplyOutcome.Refused refused) {
      return "❌ " + refused.reason().refusal() + "\nNothing was sent.";
    } else if (outcome instanceof ReplyOutcome.Invalid invalid) {
      return "❌ " + invalid.message();
    } else if (outcome instanceof ReplyOutcome.SendFailed failed) {
      return "❌ Not sent: " + DiscordText.escape(sentence(failed.message()))
          + " It is kept on the ticket's page in the dashboard, under *Not sent*: send it again from there or "
          + "discard it.";
    }
    return "❌ The reply was not sent.";
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

  /** The sender's words as a sentence: they end in a full stop, then the advice follows. */
  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }
}
