package io.claimdesk.bot.discord;

import io.claimdesk.core.chat.ChatSyncStore;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.NoteOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStore;
import java.util.Optional;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * Internal notes from Discord: the message command "Add note" on a ticket's message answers with the modal
 * {@code note_modal:<id>} (the ticket is the one this channel's message was posted for, found in the chat sync's
 * records by the message id); its submission writes the note through {@link ClaimService#note}, which claims and
 * mails nothing, and says so privately.
 */
final class DiscordNotes {
  static final String COMMAND = "Add note";
  static final String MODAL = "note_modal";
  static final String NOTE = "note";
  static final int NOTE_MAX = 4000;
  static final String NOT_A_TICKET = "This message is not a claimdesk ticket: use Add note on a ticket's message.";

  private final ClaimService claims;
  private final TicketStore tickets;
  private final ChatSyncStore chatSync;
  private final String target;
  private final DiscordMembers members;
  private final DiscordInteractions interactions;

  DiscordNotes(ClaimService claims, TicketStore tickets, ChatSyncStore chatSync, String channelId,
      DiscordMembers members, DiscordInteractions interactions) {
    this.claims = claims;
    this.tickets = tickets;
    this.chatSync = chatSync;
    this.target = "discord:" + channelId;
    this.members = members;
    this.interactions = interactions;
  }

  static CommandData definition() {
    return Commands.message(COMMAND);
  }

  /** The command: a modal must be the first answer, so the member and the ticket are read before it. */
  void open(MessageContextInteractionEvent event) {
    String messageId = event.getTarget().getId();
    interactions.beforeAck(() -> {
      Optional<TeamMember> member = members.resolve(event.getUser().getId());
      if (member.isEmpty()) {
        event.reply(DiscordMembers.UNKNOWN).setEphemeral(true).queue();
        return;
      }
      Optional<EmailThread> ticket = chatSync.threadOf(target, messageId).flatMap(tickets::find);
      if (ticket.isEmpty()) {
        event.reply(NOT_A_TICKET).setEphemeral(true).queue();
        return;
      }
      event.replyModal(modal(ticket.get())).queue();
    });
  }

  static Modal modal(EmailThread ticket) {
    return Modal.create(MODAL + ":" + ticket.id(),
            DiscordText.truncate("Note: " + DiscordText.plain(ticket.subject()), Modal.MAX_TITLE_LENGTH))
        .addComponents(Label.of("Internal note (the customer never sees it)",
            TextInput.create(NOTE, TextInputStyle.PARAGRAPH).setMaxLength(NOTE_MAX).setRequired(true).build()))
        .build();
  }

  void submit(ModalInteractionEvent event, String threadId) {
    ModalMapping value = event.getValue(NOTE);
    String body = value == null ? "" : value.getAsString();
    String user = event.getUser().getId();
    event.deferReply(true).queue();
    InteractionHook hook = event.getHook();
    interactions.afterAck(event.getId(), () -> interactions.asMember(user, hook, member -> {
      NoteOutcome outcome = claims.note(threadId, member, body, Via.DISCORD);
      if (outcome instanceof NoteOutcome.Added added) {
        hook.editOriginal(DiscordText.truncate("📝 Internal note added to **"
            + DiscordText.escape(added.thread().subject()) + "**. The customer does not see it.", 2000)).queue();
      } else {
        hook.editOriginal("❌ " + ((NoteOutcome.Refused) outcome).reason().refusal()).queue();
      }
    }));
  }
}
