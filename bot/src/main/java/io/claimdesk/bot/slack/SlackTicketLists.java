package io.claimdesk.bot.slack;

import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse.SlashCommandResponseBuilder;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.BuilderConfigurator;
import com.slack.api.methods.MethodsClient;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.model.event.AppHomeOpenedEvent;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.bot.sync.TicketCard;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.TicketStore;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /tickets} (answered to the asking user alone) and the App Home tab: the user's open tickets and the
 * unassigned ones, oldest first, each with its button.
 */
final class SlackTicketLists {
  private static final Logger log = LoggerFactory.getLogger(SlackTicketLists.class);
  /** Enough to count what the list leaves out ("…and N more"); the list itself shows {@link SlackViews#LIST_MAX}. */
  private static final int LIMIT = 500;

  private final TicketStore tickets;
  private final SlackInteractions interactions;
  private final MethodsClient methods;
  private final String baseUrl;

  SlackTicketLists(TicketStore tickets, SlackInteractions interactions, MethodsClient methods, String baseUrl) {
    this.tickets = tickets;
    this.interactions = interactions;
    this.methods = methods;
    this.baseUrl = baseUrl;
  }

  Response command(SlashCommandRequest req, SlashCommandContext ctx) {
    String slackUser = req.getPayload().getUserId();
    String triggerId = req.getPayload().getTriggerId();
    return interactions.afterAck(ctx::ack, "slack:command:" + triggerId, () ->
        interactions.asMember(slackUser, text -> respond(ctx, r -> r.responseType("ephemeral").text(text)),
            member -> respond(ctx, r -> r.responseType("ephemeral").text("Your tickets and the unassigned ones")
                .blocks(SlackViews.ticketList(cards(tickets.ownedBy(member.id(), LIMIT)),
                    cards(tickets.unassigned(LIMIT)), dashboard())))));
  }

  Response homeOpened(EventsApiPayload<AppHomeOpenedEvent> event, EventContext ctx) {
    if (!"home".equals(event.getEvent().getTab())) {
      return ctx.ack();
    }
    return interactions.afterAck(ctx::ack, "slack:event:" + event.getEventId(),
        () -> publishHome(event.getEvent().getUser()));
  }

  /** Shows the user's home tab as it is now; nothing for a Slack user who is not on the team. */
  void publishHome(String slackUser) {
    interactions.asMember(slackUser, nowhereToAnswer -> { }, member -> {
      try {
        SlackCalls.call("views.publish", () -> methods.viewsPublish(r -> r.userId(slackUser)
            .view(SlackViews.homeTab(cards(tickets.ownedBy(member.id(), LIMIT)),
                cards(tickets.unassigned(LIMIT)), dashboard()))));
      } catch (ChatException e) {
        log.warn("could not publish the Slack home tab: {}", e.getMessage());
      }
    });
  }

  private static void respond(SlashCommandContext ctx, BuilderConfigurator<SlashCommandResponseBuilder> response) {
    if (ctx.getResponseUrl() == null) { // Slack always sends one; a request without it has nowhere to be answered
      log.warn("could not answer /tickets: the command came without a response_url");
      return;
    }
    try {
      ctx.respond(response);
    } catch (IOException e) {
      log.warn("could not answer /tickets: {}", e.getMessage());
    }
  }

  private List<TicketCard> cards(List<EmailThread> threads) {
    return threads.stream().map(t -> TicketCard.of(t, "", baseUrl)).toList();
  }

  private String dashboard() {
    return baseUrl.replaceAll("/+$", "") + "/dashboard/tickets";
  }
}
