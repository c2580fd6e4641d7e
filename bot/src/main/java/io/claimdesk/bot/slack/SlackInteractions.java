package io.claimdesk.bot.slack;

import com.slack.api.bolt.response.Response;
import io.claimdesk.core.chat.DeliveryLog;
import io.claimdesk.core.team.TeamMember;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The preamble the Slack handlers share. Slack wants the ack within 3 s, so the ack comes at once and nothing
 * before it touches the database, not even the check for a repeated delivery (Slack retries); the work runs on the
 * executor, once per delivery, and for the team member behind the Slack user, who is told when they are not on the
 * team.
 */
final class SlackInteractions {
  private final SlackMembers members;
  private final DeliveryLog deliveries;
  private final Executor executor;

  SlackInteractions(SlackMembers members, DeliveryLog deliveries, Executor executor) {
    this.members = members;
    this.deliveries = deliveries;
    this.executor = executor;
  }

  /** Hands {@code work} to the executor, to run unless {@code deliveryKey} was delivered before; then acks. */
  Response afterAck(Supplier<Response> ack, String deliveryKey, Runnable work) {
    executor.execute(() -> {
      if (deliveries.firstDelivery(deliveryKey)) {
        work.run();
      }
    });
    return ack.get();
  }

  /** Runs {@code work} for the member this Slack user is; else gives {@code answer} the not-on-the-team text. */
  void asMember(String slackUser, Consumer<String> answer, Consumer<TeamMember> work) {
    Optional<TeamMember> member = members.resolve(slackUser);
    if (member.isEmpty()) {
      answer.accept(SlackMembers.UNKNOWN);
      return;
    }
    work.accept(member.get());
  }
}
