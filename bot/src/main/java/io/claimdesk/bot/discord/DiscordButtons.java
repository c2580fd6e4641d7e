package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.TicketCard;
import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import java.util.function.BiFunction;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * Claim and Unclaim: the click is acknowledged at once with a deferred update (nothing before it touches the
 * database), then one {@link ClaimService} call with {@code via: discord}. A change made from the channel message
 * edits that message through the interaction at once (the chat sync would get there too, paced); a refusal is
 * answered to the clicking user alone with the claim rule's exact text. Reply is {@link DiscordReplies}.
 */
final class DiscordButtons {
  private final ClaimService claims;
  private final TicketStore tickets;
  private final DiscordInteractions interactions;
  private final String baseUrl;

  DiscordButtons(ClaimService claims, TicketStore tickets, DiscordInteractions interactions, String baseUrl) {
    this.claims = claims;
    this.tickets = tickets;
    this.interactions = interactions;
    this.baseUrl = baseUrl;
  }

  void claim(ButtonInteractionEvent event, String threadId) {
    change(event, threadId, (id, member) -> claims.claim(id, member, Via.DISCORD));
  }

  void unclaim(ButtonInteractionEvent event, String threadId) {
    change(event, threadId, (id, member) -> claims.unclaim(id, member, Via.DISCORD));
  }

  private void change(ButtonInteractionEvent event, String threadId,
      BiFunction<String, TeamMember, ClaimOutcome> action) {
    Message message = event.getMessage();
    boolean listMessage = message == null || message.isEphemeral();
    String user = event.getUser().getId();
    event.deferEdit().queue();
    InteractionHook hook = event.getHook();
    interactions.afterAck(event.getId(), () -> interactions.asMember(user, hook, member -> {
      ClaimOutcome outcome = action.apply(threadId, member);
      String refusal = DiscordRefusals.text(outcome);
      if (refusal != null) {
        DiscordInteractions.tell(hook, refusal);
      } else if (listMessage) {
        // a list shown to this user alone: the chat sync does not keep it, so say what happened
        DiscordInteractions.tell(hook, "✅ Done: " + DiscordText.escape(((ClaimOutcome.Won) outcome).thread()
            .subject()));
      } else {
        var ticket = ((ClaimOutcome.Won) outcome).thread();
        String first = tickets.message(threadId, 1).map(ThreadMessage::text).orElse("");
        hook.editOriginal(DiscordTicketMessage.edit(TicketCard.of(ticket, first, baseUrl))).queue();
      }
    }));
  }
}
