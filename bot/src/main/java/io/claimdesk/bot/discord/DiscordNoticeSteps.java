package io.claimdesk.bot.discord;

import io.claimdesk.bot.sync.AssignmentTexts;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.bot.sync.TicketCard;
import io.claimdesk.core.assignment.NoticeLog;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.ChatPost;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;

/**
 * Each Discord notice as plain fields (so that an instance without the gateway connection can queue it in the
 * database) and the REST calls that carry it out through the connection. The ticket, the member and the channel
 * message are read when the notice is sent, so a queued notice shows the ticket as it is then.
 */
final class DiscordNoticeSteps {
  static final String KIND = "kind";

  private final TicketStore tickets;
  private final TeamStore team;
  private final String baseUrl;
  private volatile DiscordGateway gateway;
  private volatile NoticeLog notices;

  DiscordNoticeSteps(TicketStore tickets, TeamStore team, String baseUrl) {
    this.tickets = tickets;
    this.team = team;
    this.baseUrl = baseUrl;
  }

  /** The connection the messages go through (made after the listener that carries these steps). */
  void sendThrough(DiscordGateway gateway) {
    this.gateway = gateway;
  }

  void record(NoticeLog notices) {
    this.notices = notices;
  }

  boolean connectedHere() {
    DiscordGateway current = gateway;
    return current != null && current.started();
  }

  static Map<String, String> offered(Offer offer) {
    return Map.of(KIND, "offered", "offerId", offer.id(), "threadId", offer.threadId(), "memberId", offer.memberId(),
        "createdAt", offer.createdAt().toString(), "expiresAt", offer.expiresAt().toString());
  }

  static Map<String, String> closed(Offer offer) {
    return Map.of(KIND, "closed", "offerId", offer.id(), "threadId", offer.threadId(), "memberId", offer.memberId(),
        "status", offer.status().value());
  }

  static Map<String, String> nudged(String threadId, String memberId, int hours) {
    return Map.of(KIND, "nudged", "threadId", threadId, "memberId", memberId, "hours", Integer.toString(hours));
  }

  static Map<String, String> released(String threadId, String previousName, int hours) {
    return Map.of(KIND, "released", "threadId", threadId, "name", previousName, "hours", Integer.toString(hours));
  }

  /** Carries the notice out; throws {@link ChatException} for the sender to retry or log. */
  void run(Map<String, String> n) {
    Optional<EmailThread> ticket = tickets.find(n.get("threadId"));
    if (ticket.isEmpty()) {
      return;
    }
    switch (n.get(KIND)) {
      case "offered" -> sendOffer(n, ticket.get());
      case "closed" -> editOffer(n, ticket.get());
      case "nudged" -> user(n).ifPresent(u -> DiscordCalls.call("send nudge", () -> openDm(u)
          .sendMessage(DiscordOfferMessages.nudge(card(ticket.get()), Integer.parseInt(n.get("hours")))).complete()));
      case "released" -> sayReleased(n, ticket.get());
      default -> throw new ChatException(ChatException.Kind.REJECTED, "unknown notice " + n.get(KIND), null, null);
    }
  }

  private void sendOffer(Map<String, String> n, EmailThread ticket) {
    Optional<String> user = user(n);
    if (user.isEmpty() || notices.offerMessage(n.get("offerId"), DiscordOffers.PLATFORM).isPresent()) {
      return; // not linked, or sent by an earlier attempt whose answer was lost
    }
    Offer offer = new Offer(n.get("offerId"), n.get("threadId"), n.get("memberId"), Offer.Status.OPEN,
        Instant.parse(n.get("createdAt")), Instant.parse(n.get("expiresAt")), null);
    PrivateChannel dm = openDm(user.get());
    String id = DiscordCalls.call("send offer", () -> dm.sendMessage(DiscordOfferMessages.offer(card(ticket), offer))
        .complete().getId());
    notices.saveOfferMessage(offer.id(), new ChatPost(DiscordOffers.PLATFORM, dm.getId(), id));
  }

  private void editOffer(Map<String, String> n, EmailThread ticket) {
    Optional<String> user = user(n);
    if (user.isEmpty()) {
      return;
    }
    // the direct message may still be on its way: the sender tries again
    ChatPost sent = notices.offerMessage(n.get("offerId"), DiscordOffers.PLATFORM).orElseThrow(() ->
        ChatException.transientFailure("the offer's direct message is not recorded yet", null));
    String outcome = Offer.Status.of(n.get("status")) == Offer.Status.ACCEPTED ? AssignmentTexts.YOURS
        : AssignmentTexts.NO_LONGER_OPEN;
    PrivateChannel dm = openDm(user.get());
    DiscordCalls.call("edit offer", () -> dm.editMessageById(sent.messageRef(),
        DiscordOfferMessages.closed(card(ticket), outcome)).complete());
  }

  private void sayReleased(Map<String, String> n, EmailThread ticket) {
    Optional<ChatPost> post = ticket.chat().stream().filter(p -> p.platform().equals(DiscordOffers.PLATFORM))
        .findFirst();
    if (post.isEmpty()) {
      return;
    }
    TextChannel channel = jda().getTextChannelById(post.get().channel());
    if (channel == null) {
      throw new ChatException(ChatException.Kind.REJECTED, "the bot cannot see channel " + post.get().channel(),
          null, null);
    }
    DiscordCalls.call("say release", () -> channel.sendMessage(DiscordOfferMessages.released(n.get("name"),
            Integer.parseInt(n.get("hours")))).setMessageReference(post.get().messageRef()).failOnInvalidReply(false)
        .mentionRepliedUser(false).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).complete());
  }

  private Optional<String> user(Map<String, String> n) {
    return team.find(n.get("memberId")).map(TeamMember::discordUserId);
  }

  private PrivateChannel openDm(String discordUserId) {
    return DiscordCalls.call("open direct message", () -> jda().openPrivateChannelById(discordUserId).complete());
  }

  private JDA jda() {
    if (!connectedHere()) {
      throw ChatException.transientFailure("the Discord connection is not up on this instance", null);
    }
    return gateway.jda();
  }

  private TicketCard card(EmailThread ticket) {
    String first = tickets.message(ticket.id(), 1).map(ThreadMessage::text).orElse("");
    return TicketCard.of(ticket, first, baseUrl);
  }
}
