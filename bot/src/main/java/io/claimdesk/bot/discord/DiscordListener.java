package io.claimdesk.bot.discord;

import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/**
 * Routes the gateway's interactions by custom id ({@code claim:<id>}, {@code unclaim:<id>}, {@code reply:<id>},
 * {@code reply_modal:<id>}) and command name. It goes by the custom id, not the button object: a click on a message
 * whose buttons changed since may come without one.
 */
final class DiscordListener extends ListenerAdapter {
  private final DiscordButtons buttons;
  private final DiscordReplies replies;
  private final DiscordCommands commands;
  private final DiscordNotes notes;

  DiscordListener(DiscordButtons buttons, DiscordReplies replies, DiscordCommands commands, DiscordNotes notes) {
    this.notes = notes;
    this.buttons = buttons;
    this.replies = replies;
    this.commands = commands;
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    String id = event.getComponentId();
    int colon = id.indexOf(':');
    String action = colon < 0 ? id : id.substring(0, colon);
    String threadId = colon < 0 ? "" : id.substring(colon + 1);
    switch (action) {
      case DiscordTicketMessage.CLAIM -> buttons.claim(event, threadId);
      case DiscordTicketMessage.UNCLAIM -> buttons.unclaim(event, threadId);
      case DiscordTicketMessage.REPLY -> replies.open(event, threadId);
      case DiscordOffers.ACCEPT, DiscordOffers.DECLINE -> { } // answered by DiscordOffers, a listener of its own
      case DiscordReassign.REASSIGN -> { } // answered by DiscordReassign, a listener of its own
      default -> event.reply("This button is no longer used.").setEphemeral(true).queue();
    }
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    String prefix = DiscordTicketMessage.REPLY_MODAL + ":";
    String notePrefix = DiscordNotes.MODAL + ":";
    if (event.getModalId().startsWith(prefix)) {
      replies.submit(event, event.getModalId().substring(prefix.length()));
    } else if (event.getModalId().startsWith(notePrefix)) {
      notes.submit(event, event.getModalId().substring(notePrefix.length()));
    } else {
      event.reply("This form is no longer used.").setEphemeral(true).queue();
    }
  }

  @Override
  public void onMessageContextInteraction(MessageContextInteractionEvent event) {
    if (DiscordNotes.COMMAND.equals(event.getName())) {
      notes.open(event);
    } else {
      event.reply("This command is no longer used.").setEphemeral(true).queue();
    }
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    commands.handle(event);
  }
}
