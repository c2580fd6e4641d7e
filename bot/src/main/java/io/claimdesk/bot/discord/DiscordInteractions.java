package io.claimdesk.bot.discord;

import io.claimdesk.core.chat.DeliveryLog;
import io.claimdesk.core.team.TeamMember;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * The preamble the Discord handlers share: the interaction is acknowledged first (Discord wants an answer within
 * 3 s and allows exactly one), then the work runs on the executor, once per interaction id, for the team member
 * behind the Discord user; an unknown user is told privately how to link and nothing changes.
 */
final class DiscordInteractions {
  private final DiscordMembers members;
  private final DeliveryLog deliveries;
  private final Executor executor;

  DiscordInteractions(DiscordMembers members, DeliveryLog deliveries, Executor executor) {
    this.members = members;
    this.deliveries = deliveries;
    this.executor = executor;
  }

  /** Runs {@code work} on the executor unless the interaction was handled before (another session got it too). */
  void afterAck(String interactionId, Runnable work) {
    executor.execute(() -> {
      if (deliveries.firstDelivery("discord:interaction:" + interactionId)) {
        work.run();
      }
    });
  }

  /**
   * Runs {@code work} on the executor at once, for an answer that must itself be the acknowledgement (a modal):
   * the database reads it needs then do not hold up the gateway's reading thread, which every interaction waits on.
   */
  void beforeAck(Runnable work) {
    executor.execute(work);
  }

  /** Runs {@code work} for the member this Discord user is; else tells the user privately how to link. */
  void asMember(String discordUserId, InteractionHook hook, Consumer<TeamMember> work) {
    Optional<TeamMember> member = members.resolve(discordUserId);
    if (member.isEmpty()) {
      tell(hook, DiscordMembers.UNKNOWN);
      return;
    }
    work.accept(member.get());
  }

  /** A private follow-up message to the user who interacted. */
  static void tell(InteractionHook hook, String text) {
    hook.sendMessage(DiscordText.truncate(text, 2000)).setEphemeral(true).queue();
  }
}
