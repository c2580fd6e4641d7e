package io.claimdesk.bot.discord;

import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStore;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * The slash commands, registered for the channel's guild: {@code /tickets} (your unresolved tickets and the
 * unassigned ones, oldest first, with Claim buttons), {@code /available} and {@code /away} (your availability),
 * and {@code /link} (a private single-use link that connects your Discord account to your claimdesk member).
 * Every answer is private: each command is deferred ephemerally at once and answered after the database work.
 */
final class DiscordCommands {
  static final int LIST_MAX = 20;
  private static final int PER_ROW = 5;

  private final TicketStore tickets;
  private final TeamStore team;
  private final DiscordInteractions interactions;
  private final DiscordLinkIssuer links;
  private final String baseUrl;

  DiscordCommands(TicketStore tickets, TeamStore team, DiscordInteractions interactions, DiscordLinkIssuer links,
      String baseUrl) {
    this.tickets = tickets;
    this.team = team;
    this.interactions = interactions;
    this.links = links;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  /** The slash commands, then the message command "Add note" (a right-click on a ticket's message). */
  static List<CommandData> definitions() {
    return List.of(
        Commands.slash("tickets", "Your open tickets and the unassigned ones (only you see the list)"),
        Commands.slash("available", "Mark yourself available for tickets"),
        Commands.slash("away", "Mark yourself away"),
        Commands.slash("link", "Connect your Discord account to your claimdesk account"),
        DiscordNotes.definition());
  }

  /** Replaces the guild's commands with these (one bulk overwrite). */
  static void register(Guild guild) {
    guild.updateCommands().addCommands(definitions()).complete();
  }

  void handle(SlashCommandInteractionEvent event) {
    String user = event.getUser().getId();
    String name = event.getName();
    event.deferReply(true).queue();
    InteractionHook hook = event.getHook();
    interactions.afterAck(event.getId(), () -> {
      switch (name) {
        case "link" -> hook.editOriginal(link(user)).queue();
        case "available" -> availability(user, hook, Availability.ONLINE, "✅ You are available for tickets.");
        case "away" -> availability(user, hook, Availability.AWAY, "🌙 You are away.");
        case "tickets" -> interactions.asMember(user, hook, member -> hook.editOriginal(list(
            tickets.ownedBy(member.id(), LIST_MAX + 1), tickets.unassigned(LIST_MAX + 1)).build()).queue());
        default -> hook.editOriginal("Unknown command /" + name).queue();
      }
    });
  }

  private void availability(String user, InteractionHook hook, Availability availability, String done) {
    interactions.asMember(user, hook, member -> {
      team.setAvailability(member.id(), availability);
      hook.editOriginal(done).queue();
    });
  }

  private String link(String discordUserId) {
    if (links == null) {
      return "Linking from Discord is not available on this claimdesk. Ask an admin to set your Discord user ID ("
          + discordUserId + ") on the team page.";
    }
    return "Open this link in the next 10 minutes while signed in to claimdesk to connect your Discord account "
        + "(it works once): " + links.linkUrl(discordUserId);
  }

  MessageEditBuilder list(List<EmailThread> mine, List<EmailThread> unassigned) {
    EmbedBuilder embed = new EmbedBuilder().setTitle("Your tickets and the unassigned ones");
    embed.addField("Yours (" + count(mine) + ")", lines(mine, ""), false);
    embed.addField("Unassigned (" + count(unassigned) + ")", lines(unassigned, "#"), false);
    embed.setDescription("All tickets: " + baseUrl + "/dashboard/tickets");
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < Math.min(LIST_MAX, unassigned.size()); i++) {
      buttons.add(Button.primary(DiscordTicketMessage.CLAIM + ":" + unassigned.get(i).id(), "Claim #" + (i + 1)));
    }
    List<ActionRow> rows = new ArrayList<>();
    for (int i = 0; i < buttons.size(); i += PER_ROW) {
      rows.add(ActionRow.of(buttons.subList(i, Math.min(buttons.size(), i + PER_ROW))));
    }
    return new MessageEditBuilder().setEmbeds(embed.build()).setComponents(rows);
  }

  private static String count(List<EmailThread> list) {
    return list.size() > LIST_MAX ? LIST_MAX + "+" : String.valueOf(list.size());
  }

  private static String lines(List<EmailThread> list, String numbered) {
    if (list.isEmpty()) {
      return "None";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(LIST_MAX, list.size()); i++) {
      EmailThread t = list.get(i);
      String line = (numbered.isEmpty() ? "• " : "#" + (i + 1) + " ")
          + DiscordText.truncate(DiscordText.escape(t.subject()), 60) + " — "
          + DiscordText.truncate(DiscordText.escape(t.customerEmail()), 40) + "\n";
      if (text.length() + line.length() > DiscordTicketMessage.FIELD_MAX - 2) {
        break;
      }
      text.append(line);
    }
    return text.toString();
  }
}
