package io.claimdesk.mail.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands over messages one by one with their whole content, fetched in few IMAP commands: consecutive messages of
 * up to {@link #CHUNK_BYTES} together are fetched by one FETCH (their sizes fetched first, by one more), a message
 * over {@link #ALONE_BYTES} by itself when it is handed over. Fetching message by message costs one round trip
 * each, and a server that walks its folder for every command (GreenMail does) makes that quadratic. A message's
 * content is dropped from memory once handed over. Should the FETCH of a chunk fail for a reason that is not a
 * lost connection, its messages are fetched one by one, so that a failure belongs to the message that caused it.
 */
public final class WholeMessages {
  private static final Logger log = LoggerFactory.getLogger(WholeMessages.class);
  /**
   * How many messages a caller hands over at once, at most: their sizes take one FETCH. Some servers walk the whole
   * folder for every command (GreenMail does), so fewer, bigger commands are cheaper for them.
   */
  public static final int BATCH = 5000;
  static final long CHUNK_BYTES = 8L * 1024 * 1024;
  static final long ALONE_BYTES = 1024 * 1024;

  /** What is done with each message; its content is in memory, {@link Message#writeTo} reads no more. */
  public interface Action {
    void accept(Message message) throws MessagingException, IOException;
  }

  private WholeMessages() {}

  /** Calls {@code action} with each message, in the order given. */
  public static void forEach(IMAPFolder folder, List<Message> messages, Action action)
      throws MessagingException, IOException {
    FetchProfile sizes = new FetchProfile();
    sizes.add(FetchProfile.Item.SIZE);
    folder.fetch(messages.toArray(Message[]::new), sizes);
    int next = 0;
    while (next < messages.size()) {
      List<Message> chunk = chunk(messages, next);
      next += chunk.size();
      prefetch(folder, chunk);
      for (Message message : chunk) {
        try {
          action.accept(message);
        } finally {
          ((IMAPMessage) message).invalidateHeaders(); // drops the content: the folder keeps its messages
        }
      }
    }
  }

  /** The messages from {@code from} that share one FETCH: as many as fit in the chunk, or a big one alone. */
  private static List<Message> chunk(List<Message> messages, int from) throws MessagingException {
    List<Message> chunk = new ArrayList<>();
    long bytes = 0;
    for (int i = from; i < messages.size(); i++) {
      long size = Math.max(0, messages.get(i).getSize());
      if (!chunk.isEmpty() && (size > ALONE_BYTES || bytes + size > CHUNK_BYTES)) {
        break;
      }
      chunk.add(messages.get(i));
      bytes += size;
      if (size > ALONE_BYTES) {
        break;
      }
    }
    return chunk;
  }

  private static void prefetch(IMAPFolder folder, List<Message> chunk) throws MessagingException {
    if (chunk.size() == 1 && chunk.get(0).getSize() > ALONE_BYTES) {
      return; // fetched by writeTo when handed over
    }
    FetchProfile whole = new FetchProfile();
    whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
    try {
      folder.fetch(chunk.toArray(Message[]::new), whole);
    } catch (MessagingException | RuntimeException e) {
      if (ImapMailboxPoller.connectionLost(e)) {
        throw e;
      }
      log.warn("fetching {} messages at once failed ({}); fetching them one by one", chunk.size(), e.toString());
    }
  }
}
