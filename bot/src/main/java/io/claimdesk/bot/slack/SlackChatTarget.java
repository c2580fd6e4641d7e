package io.claimdesk.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import io.claimdesk.bot.sync.ChatException;
import io.claimdesk.bot.sync.ChatTarget;
import io.claimdesk.bot.sync.TicketCard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Slack channel as a chat target: {@code chat.postMessage} and {@code chat.update} with the Block Kit message
 * of {@link SlackTicketMessage}. Each post carries message metadata naming its ticket, so that after a post whose
 * outcome is unknown the message can be found in the channel history instead of being posted twice.
 */
public final class SlackChatTarget implements ChatTarget {
  private static final Logger log = LoggerFactory.getLogger(SlackChatTarget.class);
  static final String METADATA_TYPE = "claimdesk_ticket";
  private static final int HISTORY_PAGE = 200;

  private final MethodsClient methods;
  private final String channel;

  public SlackChatTarget(MethodsClient methods, String channel) {
    this.methods = methods;
    this.channel = channel;
  }

  @Override
  public String platform() {
    return "slack";
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public String post(TicketCard card) {
    return SlackCalls.call("chat.postMessage", () -> methods.chatPostMessage(r -> r
        .channel(channel)
        .text(SlackTicketMessage.fallbackText(card))
        .blocks(SlackTicketMessage.blocks(card))
        .unfurlLinks(false)
        .unfurlMedia(false)
        .metadata(Message.Metadata.builder().eventType(METADATA_TYPE)
            .eventPayload(Map.of("threadId", card.threadId())).build()))).getTs();
  }

  @Override
  public void update(String messageRef, TicketCard card) {
    SlackCalls.call("chat.update", () -> methods.chatUpdate(r -> r
        .channel(channel)
        .ts(messageRef)
        .text(SlackTicketMessage.fallbackText(card))
        .blocks(SlackTicketMessage.blocks(card))));
  }

  @Override
  public Optional<String> findPosted(String threadId, Instant since) {
    // one page of history is minutes of posts at one per second; an interrupted post is looked up right after
    ConversationsHistoryResponse history;
    try {
      history = SlackCalls.call("conversations.history", () -> methods
          .conversationsHistory(r -> r.channel(channel).oldest(since.getEpochSecond() + ".000000")
              .includeAllMetadata(true).limit(HISTORY_PAGE)));
    } catch (ChatException e) {
      if (e.kind() != ChatException.Kind.REJECTED) {
        throw e;
      }
      // without the history scope the check cannot be made; holding the ticket back for ever would be worse
      log.warn("{}: cannot read the channel history ({}); posting ticket {} without checking for an earlier post",
          key(), e.getMessage(), threadId);
      return Optional.empty();
    }
    if (history.getMessages() == null) {
      return Optional.empty();
    }
    return history.getMessages().stream()
        .filter(m -> m.getMetadata() != null && METADATA_TYPE.equals(m.getMetadata().getEventType())
            && m.getMetadata().getEventPayload() != null
            && threadId.equals(String.valueOf(m.getMetadata().getEventPayload().get("threadId"))))
        .map(Message::getTs)
        .findFirst();
  }

  @Override
  public String fingerprint(TicketCard card) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (SlackTicketMessage.fallbackText(card) + "\n" + SlackTicketMessage.render(card))
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
