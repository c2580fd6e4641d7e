package io.claimdesk.bot.discord;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import java.util.function.BiFunction;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * Claim and Unclaim: the click is acknowledged at once with a deferred update (nothing before it touches the
 * database), then one {@link ClaimService} call with {@code via: discord}. The channel message is edited by the chat
 * sync from the resulting event, not through the interaction: the sync skips an edit whose content equals what it
 * last sent, so an edit it does not know of would leave a later change back to that content unshown. A refusal is
 * answered to the clicking user alone with the claim rule's exact text. Reply is {@link DiscordReplies}.
 */
final class DiscordButtons {
  private final ClaimService claims;
  private final DiscordInteractions interactions;

  DiscordButtons(ClaimService claims, DiscordInteractions interactions) {
    this.claims = claims;
    this.interactions = interactions;
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
      String refusal = outcome.refusal();
      if (refusal != null) {
        DiscordInteractions.tell(hook, refusal);
      } else if (listMessage) {
        // a list shown to this user alone: the chat sync does not keep it, so say what happened
        DiscordInteractions.tell(hook, "✅ Done: " + DiscordText.escape(((ClaimOutcome.Won) outcome).thread()
            .subject()));
      }
    }));
  }
}
