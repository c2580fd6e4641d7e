package io.claimdesk.mail.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands over messages one by one with their whole raw content, fetched in few IMAP commands: consecutive messages
 * of up to {@link #CHUNK_BYTES} together are fetched by one FETCH (their sizes fetched first, by one more), a
 * message over {@link #ALONE_BYTES} by itself when it is handed over. Fetching message by message costs one round
 * trip each, and a server that walks its folder for every command (GreenMail does) makes that quadratic. The bytes
 * of a chunk are taken from the FETCH responses as the server sent them: not parsed into a message only to be
 * written out again. Should the FETCH of a chunk fail for a reason that is not a lost connection, its messages are
 * fetched one by one, so that a failure belongs to the message that caused it.
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

  /**
   * What is done with each message: {@code raw} is the whole mail as the server sent it, or null when it was not
   * fetched with its chunk (a big one, or a chunk whose FETCH failed): then {@link Message#writeTo} fetches it.
   */
  public interface Action {
    void accept(Message message, byte[] raw) throws MessagingException, IOException;
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
      Map<Message, byte[]> raw = prefetch(folder, chunk);
      for (Message message : chunk) {
        action.accept(message, raw.remove(message)); // dropped once handed over
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

  /** The raw content of the chunk's messages, by message; empty for a big one fetched later, alone. */
  private static Map<Message, byte[]> prefetch(IMAPFolder folder, List<Message> chunk) throws MessagingException {
    if (chunk.size() == 1 && chunk.get(0).getSize() > ALONE_BYTES) {
      return new IdentityHashMap<>(); // fetched by writeTo when handed over
    }
    try {
      return fetchRaw(folder, chunk);
    } catch (MessagingException | RuntimeException e) {
      if (ImapMailboxPoller.connectionLost(e)) {
        throw e;
      }
      log.warn("fetching {} messages at once failed ({}); fetching them one by one", chunk.size(), e.toString());
      return new IdentityHashMap<>();
    }
  }

  /**
   * One {@code FETCH (BODY.PEEK[])} for the messages, by sequence number, taken while the folder's message cache is
   * locked so that no EXPUNGE can renumber them meanwhile (nor may a server send one during a FETCH). Other
   * responses that come with it (new mail, flags) go to the folder as they would after its own commands.
   */
  private static Map<Message, byte[]> fetchRaw(IMAPFolder folder, List<Message> chunk) throws MessagingException {
    Object fetched = folder.doCommand(protocol -> {
      Map<Integer, Message> bySequence = new HashMap<>();
      for (Message message : chunk) {
        if (!message.isExpunged()) {
          bySequence.put(message.getMessageNumber(), message);
        }
      }
      Map<Message, byte[]> raw = new IdentityHashMap<>();
      if (bySequence.isEmpty()) {
        return raw;
      }
      Response[] responses = protocol.fetch(sequenceSet(bySequence.keySet()), "BODY.PEEK[]");
      for (int i = 0; i < responses.length - 1; i++) {
        if (!(responses[i] instanceof FetchResponse f)) {
          continue;
        }
        BODY body = f.getItem(BODY.class);
        Message message = bySequence.get(f.getNumber());
        if (body != null && !body.isHeader() && message != null) {
          ByteArray bytes = body.getByteArray();
          raw.put(message, Arrays.copyOfRange(bytes.getBytes(), bytes.getStart(), bytes.getStart() + bytes.getCount()));
          responses[i] = null; // ours; anything else is the folder's
        }
      }
      protocol.notifyResponseHandlers(responses);
      protocol.handleResult(responses[responses.length - 1]);
      return raw;
    });
    @SuppressWarnings("unchecked")
    Map<Message, byte[]> raw = (Map<Message, byte[]>) fetched;
    return raw;
  }

  /** {@code 1:5,8,10:12}: the numbers in ascending runs. */
  static MessageSet[] sequenceSet(Collection<Integer> numbers) {
    int[] sorted = numbers.stream().mapToInt(Integer::intValue).sorted().toArray();
    List<MessageSet> sets = new ArrayList<>();
    for (int i = 0; i < sorted.length; ) {
      int start = sorted[i];
      int end = start;
      while (++i < sorted.length && sorted[i] == end + 1) {
        end = sorted[i];
      }
      sets.add(new MessageSet(start, end));
    }
    return sets.toArray(MessageSet[]::new);
  }
}
