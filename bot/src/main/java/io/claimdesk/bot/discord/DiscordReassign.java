package io.claimdesk.bot.discord;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStore;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * Reassign from Discord, for managers: the ticket message's Reassign button ({@code reassign:<threadId>}) answers a
 * manager privately with a menu of the active members ({@code reassign_pick:<threadId>}); the choice is one
 * {@link ClaimService#reassign} call with {@code via: discord}, and the chat sync edits the channel message from the
 * resulting event. Anyone else gets the claim rule's refusal, privately. A listener of its own beside
 * {@link DiscordListener}, which leaves these ids to it.
 */
final class DiscordReassign extends ListenerAdapter {
  static final String REASSIGN = "reassign";
  static final String PICK = "reassign_pick";
  static final String NOT_MANAGER = "Only managers can reassign tickets";
  // a select menu holds at most 25 options
  private static final int MOST_MEMBERS = 25;

  private final ClaimService claims;
  private final TicketStore tickets;
  private final TeamStore team;
  private final DiscordMembers members;
  private final DiscordInteractions interactions;

  DiscordReassign(ClaimService claims, TicketStore tickets, TeamStore team, DiscordMembers members,
      DiscordInteractions interactions) {
    this.claims = claims;
    this.tickets = tickets;
    this.team = team;
    this.members = members;
    this.interactions = interactions;
  }

  /** The ticket message's second row: the Reassign button. */
  static ActionRow row(String threadId) {
    return ActionRow.of(Button.secondary(REASSIGN + ":" + threadId, "Reassign…"));
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    String prefix = REASSIGN + ":";
    if (!event.getComponentId().startsWith(prefix)) {
      return;
    }
    String threadId = event.getComponentId().substring(prefix.length());
    String user = event.getUser().getId();
    // the answer (the menu, or a refusal) is the acknowledgement itself; the reads it needs run off the gateway's thread
    interactions.beforeAck(() -> {
      Optional<TeamMember> member = members.resolve(user);
      if (member.isEmpty()) {
        event.reply(DiscordMembers.UNKNOWN).setEphemeral(true).queue();
        return;
      }
      if (!member.get().active() || !member.get().role().canManageTickets()) {
        event.reply(NOT_MANAGER).setEphemeral(true).queue();
        return;
      }
      Optional<EmailThread> ticket = tickets.find(threadId);
      if (ticket.isEmpty()) {
        event.reply("Ticket not found").setEphemeral(true).queue();
        return;
      }
      List<TeamMember> active = team.all().stream().filter(TeamMember::active).limit(MOST_MEMBERS).toList();
      StringSelectMenu.Builder menu = StringSelectMenu.create(PICK + ":" + threadId)
          .setPlaceholder("Choose the new owner").setRequiredRange(1, 1);
      for (TeamMember m : active) {
        menu.addOption(DiscordText.truncate(m.displayName(), 100), m.id(), DiscordText.truncate(m.email(), 100));
      }
      event.reply(DiscordText.truncate("Reassign “" + DiscordText.escape(ticket.get().subject()) + "” to:", 2000))
          .setComponents(ActionRow.of(menu.build())).setEphemeral(true).queue();
    });
  }

  @Override
  public void onStringSelectInteraction(StringSelectInteractionEvent event) {
    String prefix = PICK + ":";
    if (!event.getComponentId().startsWith(prefix)) {
      return;
    }
    String threadId = event.getComponentId().substring(prefix.length());
    String memberId = event.getValues().isEmpty() ? "" : event.getValues().get(0);
    String user = event.getUser().getId();
    event.deferEdit().queue();
    InteractionHook hook = event.getHook();
    interactions.afterAck(event.getId(), () -> interactions.asMember(user, hook, actor -> {
      ClaimOutcome outcome = claims.reassign(threadId, actor, memberId, Via.DISCORD);
      if (outcome.refusal() != null) {
        DiscordInteractions.tell(hook, outcome.refusal());
      } else {
        EmailThread ticket = ((ClaimOutcome.Won) outcome).thread();
        DiscordInteractions.tell(hook, "✅ Reassigned “" + DiscordText.escape(ticket.subject()) + "” to "
            + DiscordText.escape(ticket.owner().name() == null ? ticket.owner().email() : ticket.owner().name())
            + ".");
      }
    }));
  }
}
