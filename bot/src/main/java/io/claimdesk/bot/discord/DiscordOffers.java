package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.AssignmentTexts;
import io.claimdesk.bot.sync.NoticeSender;
import io.claimdesk.core.assignment.AssignmentNotices;
import io.claimdesk.core.assignment.AssignmentService;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.assignment.OfferOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.Owner;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * The assignment policy in Discord: an offer is a direct message with the ticket's embed and the buttons
 * {@code offer_accept:<offerId>} / {@code offer_decline:<offerId>} ({@link DiscordOfferMessages}), edited to show
 * how the offer ended; a nudge is a direct message with the reply link; a release is a reply to the ticket's
 * channel message. Clicks are acknowledged at once and go to {@link AssignmentService} (a decline
 * {@code via: discord}); a refusal is an ephemeral follow-up. Messages go through the gateway connection, which one
 * instance holds: the others queue their notices in the database ({@link NoticeLog#queue}), and the holder takes
 * them every {@link #DRAIN} and sends them ({@link DiscordNoticeSteps}).
 */
final class DiscordOffers extends ListenerAdapter implements AssignmentNotices, AutoCloseable {
  static final String ACCEPT = DiscordOfferMessages.ACCEPT;
  static final String DECLINE = DiscordOfferMessages.DECLINE;
  static final String PLATFORM = "discord";
  static final Duration DRAIN = Duration.ofSeconds(2);

  private final DiscordInteractions interactions;
  private final DiscordNoticeSteps steps;
  private final NoticeSender sender = new NoticeSender(PLATFORM);
  private volatile AssignmentService assignments;
  private volatile NoticeLog notices;

  DiscordOffers(DiscordInteractions interactions, DiscordNoticeSteps steps) {
    this.interactions = interactions;
    this.steps = steps;
  }

  /** Connects the clicks to the policy and the messages to their record; before this, notices are not sent. */
  DiscordOffers bind(AssignmentService assignments, NoticeLog notices) {
    this.assignments = assignments;
    this.notices = notices;
    steps.record(notices);
    sender.every(DRAIN, this::drain);
    return this;
  }

  @Override
  public void offered(Offer offer, EmailThread ticket, TeamMember member) {
    if (member.discordUserId() != null) {
      deliver(DiscordNoticeSteps.offered(offer));
    }
  }

  @Override
  public void offerClosed(Offer offer) {
    deliver(DiscordNoticeSteps.closed(offer));
  }

  @Override
  public void nudged(EmailThread ticket, TeamMember owner, int hours) {
    if (owner.discordUserId() != null) {
      deliver(DiscordNoticeSteps.nudged(ticket.id(), owner.id(), hours));
    }
  }

  @Override
  public void released(EmailThread ticket, Owner previous, int hours) {
    if (ticket.chat().stream().anyMatch(p -> p.platform().equals(PLATFORM))) {
      deliver(DiscordNoticeSteps.released(ticket.id(), previous.displayName(), hours));
    }
  }

  /** Sends the notice from here when the connection is here, else queues it for the instance that holds it. */
  private void deliver(Map<String, String> notice) {
    if (notices == null) {
      return;
    }
    sender.send(notice.get(DiscordNoticeSteps.KIND) + " notice", () -> {
      if (steps.connectedHere()) {
        steps.run(notice);
      } else {
        notices.queue(PLATFORM, notice);
      }
    });
  }

  /** On the instance holding the connection: sends what the others queued, each with the sender's retries. */
  private void drain() {
    while (steps.connectedHere()) {
      Optional<Map<String, String>> next = notices.takeQueued(PLATFORM);
      if (next.isEmpty()) {
        return;
      }
      sender.send("queued " + next.get().get(DiscordNoticeSteps.KIND) + " notice", () -> steps.run(next.get()));
    }
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    String id = event.getComponentId();
    int colon = id.indexOf(':');
    String action = colon < 0 ? id : id.substring(0, colon);
    if (!action.equals(ACCEPT) && !action.equals(DECLINE)) {
      return; // DiscordListener's
    }
    String offerId = id.substring(colon + 1);
    String user = event.getUser().getId();
    event.deferEdit().queue();
    InteractionHook hook = event.getHook();
    interactions.afterAck(event.getId(), () -> interactions.asMember(user, hook, member -> {
      AssignmentService service = assignments;
      OfferOutcome outcome = service == null ? new OfferOutcome.NoLongerOpen()
          : action.equals(ACCEPT) ? service.accept(offerId, member) : service.decline(offerId, member, Via.DISCORD);
      // the message itself is edited by offerClosed; a refusal (someone else's, closed, unknown) is said here
      if (!(outcome instanceof OfferOutcome.Accepted) && !(outcome instanceof OfferOutcome.Declined)) {
        DiscordInteractions.tell(hook, AssignmentTexts.NO_LONGER_OPEN);
      }
    }));
  }

  @Override
  public void close() {
    sender.close();
  }
}
