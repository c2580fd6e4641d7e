package io.claimdesk.bot.discord;

import io.claimdesk.core.claim.Via;
import io.claimdesk.core.reply.ReplyOutcome;
import io.claimdesk.core.reply.ReplyService;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import java.util.Optional;
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
  static final int BODY_MAX = 4000;
  static final String REPLIES_OFF = "Replies are off: claimdesk has no SMTP server configured.";

  private final ReplyService replies;
  private final TicketStore tickets;
  private final DiscordMembers members;
  private final DiscordInteractions interactions;

  DiscordReplies(ReplyService replies, TicketStore tickets, DiscordMembers members,
      DiscordInteractions interactions) {
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
    event.replyModal(modal(ticket.get(), latestFromCustomer(ticket.get()))).queue();
  }

  static Modal modal(EmailThread ticket, Optional<ThreadMessage> latest) {
    String shown = latest.map(m -> "**" + DiscordText.escape(m.fromName() == null ? m.from() : m.fromName())
        + "** wrote:\n>>> " + DiscordText.escape(m.text())).orElse("*No message from the customer yet.*");
    return Modal.create(DiscordTicketMessage.REPLY_MODAL + ":" + ticket.id(),
            DiscordText.truncate("Reply: " + DiscordText.plain(ticket.subject()), Modal.MAX_TITLE_LENGTH))
        .addComponents(TextDisplay.of(DiscordText.truncate(shown, 3500)),
            Label.of("Your reply to " + DiscordText.truncate(ticket.customerEmail(), 30),
                TextInput.create(BODY, TextInputStyle.PARAGRAPH).setMaxLength(BODY_MAX).setRequired(true).build()))
        .build();
  }

  void submit(ModalInteractionEvent event, String threadId) {
    ModalMapping value = event.getValue(BODY);
    String body = value == null ? "" : value.getAsString();
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
      hook.editOriginal(DiscordText.truncate(outcome(replies.reply(threadId, member.get(), body, Via.DISCORD)),
          2000)).queue();
    });
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
