package io.claimdesk.mail.imap;

import io.claimdesk.core.mail.MailIngestService;
import io.claimdesk.core.mail.MessageIndex;
import io.claimdesk.mail.ingest.IngestPipeline;
import io.claimdesk.mail.ingest.RawMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storing half of {@link ImapMailboxPoller}: fetched mails wait in memory (big ones in temporary files), then
 * are stored a group at a time by {@link #STORERS} threads, each reply after the mail it answers; a mail that fails
 * again and again is quarantined. Used by the poller's thread alone, apart from the storers it runs.
 */
final class MailGroups implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MailGroups.class);
  static final int ATTEMPTS_PER_MESSAGE = 5;
  /** Mails of a group parsed and stored at once: a store waits on the database more than it computes. */
  static final int STORERS = 4;
  /**
   * Mails fetched, then stored together, at most: their parsed text waits in memory for its turn to be stored, so
   * a group is also cut at {@link #GROUP_BYTES} of raw mail.
   */
  private static final int GROUP = 256;
  private static final long GROUP_BYTES = 4L * 1024 * 1024;

  private final IngestPipeline pipeline;
  private final String mailboxKey;
  private final ExecutorService storers = Executors.newFixedThreadPool(STORERS, new ThreadFactory() {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "claimdesk-imap-store-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });
  private long failingUid = -1;
  private int failures;
  /**
   * After a failure, mails are stored one by one (each its own writes) until a group succeeds: in a group the new
   * threads are written together, and a write that fails fails every mail in it, so only alone does the mail at
   * fault fail, and count its attempts.
   */
  private boolean oneByOne;

  MailGroups(IngestPipeline pipeline, String mailboxKey) {
    this.pipeline = pipeline;
    this.mailboxKey = mailboxKey;
  }

  /** A message's raw mail ({@code size} bytes), or why it could not be fetched. */
  record Fetched(long uid, String source, RawMail raw, long size, Optional<String> messageId, Exception failure) {}

  /**
   * Keeps a fetched message for storing: {@code raw} is its content when fetched with its chunk (held in memory up to
   * {@link RawMail#IN_MEMORY_BYTES}, else written to a temporary file), or null to fetch it now, into a temporary file.
   */
  Fetched fetch(Message message, byte[] raw, long uid) throws IOException {
    String source = mailboxKey + "#" + uid;
    RawMail mail = null;
    try {
      mail = raw != null ? RawMail.of(raw) : fetchedNow(message);
      return new Fetched(uid, source, mail, mail.size(), pipeline.declaredMessageId(mail), null);
    } catch (MessagingException | IOException | RuntimeException e) {
      if (mail != null) {
        mail.discard();
      }
      return new Fetched(uid, source, null, 0, Optional.empty(), e);
    }
  }

  /** A message fetched now, alone, into a temporary file. */
  private static RawMail fetchedNow(Message message) throws MessagingException, IOException {
    Path file = Files.createTempFile("claimdesk-mail-", ".eml");
    try (OutputStream out = Files.newOutputStream(file)) {
      message.writeTo(out);
    } catch (MessagingException | IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new RawMail.InFile(file);
  }

  /** True when the fetched mails make a whole group. */
  static boolean full(List<Fetched> fetched) {
    return fetched.size() >= GROUP || fetched.stream().mapToLong(Fetched::size).sum() >= GROUP_BYTES;
  }

  /** Deletes the temporary files of these mails. */
  static void delete(List<Fetched> fetched) throws IOException {
    for (Fetched mail : fetched) {
      if (mail.raw() != null) {
        mail.raw().discard();
      }
    }
  }

  /**
   * The mails of one read being stored, by Message-ID, each numbered in the order read: a mail waits for the mails
   * it answers that were read before it and are not stored yet, never for a later one (two mails naming each other
   * cannot wait for each other). Added to by the poller's thread, read by the storers.
   */
  static final class Storing {
    private record Pending(long number, CompletableFuture<?> done) {}

    private final Map<String, Pending> byMessageId = new ConcurrentHashMap<>();
    private long read;

    private long next() {
      return read++;
    }

    private void add(Optional<String> messageId, long number, CompletableFuture<?> done) {
      messageId.ifPresent(id -> byMessageId.putIfAbsent(id, new Pending(number, done)));
    }

    /** The storing of the mails among {@code ids} read before mail {@code number} and not finished. */
    private CompletableFuture<?>[] before(long number, List<String> ids) {
      return ids.stream().map(byMessageId::get).filter(p -> p != null && p.number() < number).map(Pending::done)
          .toArray(CompletableFuture[]::new);
    }

    private void remove(Optional<String> messageId, CompletableFuture<?> done) {
      messageId.ifPresent(id -> byMessageId.computeIfPresent(id, (key, p) -> p.done() == done ? null : p));
    }
  }

  /** Starts storing the fetched mails, each after the mails it answers that {@code storing} holds. */
  Group store(List<Fetched> fetched, Storing storing) {
    return new Group(fetched, storing);
  }

  /**
   * A group of fetched mails being stored, {@link #STORERS} at a time: each is parsed as soon as a storer is free,
   * and stored once the mails it answers (In-Reply-To, References) that were read before it are stored (those of
   * earlier groups too, while they are being stored), so that a reply never arrives before its question. The new
   * threads they open, their senders and their stored marks are written together once every mail is through (by a
   * storer, so that the poller goes on fetching); {@link #finish} waits for that and reports them in UID order.
   *
   * <p>A failure that is the mail's own (the server cannot produce it, storing it fails) is retried with the
   * reconnects; after {@link #ATTEMPTS_PER_MESSAGE} the mail is quarantined with the error, so that it holds up
   * nothing after it, and stays in the mailbox. A lost connection, to the IMAP server or to the database, says
   * nothing about the mail and is never counted.
   */
  final class Group {
    private final List<Fetched> group;
    private final List<CompletableFuture<IngestPipeline.Result>> stored = new ArrayList<>();
    private final MailIngestService.Batch batch = pipeline.batch();
    /** What the mails are stored with: the batch, or none when they are stored {@link #oneByOne}. */
    private final MailIngestService.Batch together = oneByOne ? null : batch;
    /** The batch finished once every mail is stored or failed: new threads written, senders recorded, mails marked. */
    private final CompletableFuture<Void> finished;

    private Group(List<Fetched> fetched, Storing storing) {
      this.group = List.copyOf(fetched);
      // one read for the group: which of its mails are stored already (a stored one is not parsed again)
      Map<String, MessageIndex.Entry> known = pipeline.lookUp(group.stream().map(Fetched::messageId)
          .flatMap(Optional::stream).toList());
      for (Fetched mail : group) {
        if (mail.failure() != null) {
          stored.add(CompletableFuture.failedFuture(mail.failure()));
          continue;
        }
        long number = storing.next();
        Optional<MessageIndex.Entry> entry = mail.messageId().map(known::get);
        CompletableFuture<IngestPipeline.Result> done = CompletableFuture
            .supplyAsync(() -> pipeline.deferringAll(() -> pipeline.prepare(mail.raw(), mail.source(),
                mail.messageId(), entry)), storers)
            .thenCompose(prepared -> CompletableFuture.allOf(storing.before(number, prepared.answers()))
                .handle((ignored, failure) -> prepared) // a failed question does not hold its answers back
                .thenApplyAsync(p -> {
                  try {
                    // durable with the next checkpoint, marked stored when the group is finished
                    return pipeline.deferringAll(() -> pipeline.store(p, together));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }, storers));
        storing.add(mail.messageId(), number, done);
        stored.add(done);
      }
      // the mails stored are marked before the checkpoint can pass them
      finished = CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> null)
          .thenRunAsync(() -> pipeline.deferringAll(() -> {
            batch.finish();
            return null;
          }), storers);
    }

    /**
     * Waits for the group and hands each UID stored (or quarantined) to {@code stored}, in order, or throws the
     * first failure to retry.
     */
    void finish(LongConsumer storedUid, Storing storing)
        throws MessagingException, IOException {
      try {
        Throwable finishing = outcome(finished);
        if (finishing != null) {
          oneByOne = true;
          throw rethrowable(finishing);
        }
        for (int i = 0; i < group.size(); i++) {
          Fetched mail = group.get(i);
          Throwable failure = failure(stored.get(i));
          if (failure != null) {
            if (ImapMailboxPoller.connectionLost(failure) || !attemptsUsedUp(mail.uid())) {
              oneByOne = true;
              throw rethrowable(failure);
            }
            quarantine(mail, failure);
          }
          if (mail.uid() == failingUid) {
            failingUid = -1;
          }
          storedUid.accept(mail.uid());
        }
        oneByOne = false;
      } finally {
        abandon();
        for (int i = 0; i < group.size(); i++) { // stored, or never will be by this group: nothing to wait for
          storing.remove(group.get(i).messageId(), stored.get(i));
        }
      }
    }

    /** The size of the group's raw mail. */
    long bytes() {
      return group.stream().mapToLong(Fetched::size).sum();
    }

    /** Why a mail of the group was not stored: its own storing failed, or the batch could not write it. */
    private Throwable failure(CompletableFuture<IngestPipeline.Result> storing) {
      Throwable failure = outcome(storing);
      if (failure == null && storing.join() instanceof IngestPipeline.Result.Stored s) {
        return batch.failure(s.outcome().messageId()).orElse(null);
      }
      return failure;
    }

    /** Waits until no storer works on the group any more, whatever the outcome, and deletes its files. */
    void abandon() throws IOException {
      finished.exceptionally(e -> null).join();
      delete(group);
    }
  }

  /** Waits for a mail's storing: null when it succeeded, else why not. */
  private static Throwable outcome(CompletableFuture<?> storing) {
    try {
      storing.join();
      return null;
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause instanceof UncheckedIOException unchecked ? unchecked.getCause() : cause;
    } catch (CancellationException e) {
      return e;
    }
  }

  /** Throws the failure as what it is; returns (for {@code throw}) only what is neither checked kind. */
  private static RuntimeException rethrowable(Throwable failure) throws MessagingException, IOException {
    if (failure instanceof MessagingException m) {
      throw m;
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException(failure);
  }

  private void quarantine(Fetched fetched, Throwable failure) throws IOException {
    boolean wasFetched = fetched.failure() == null;
    log.error("{}: {} failed {} times; quarantining it", fetched.source(), wasFetched ? "storing" : "fetching",
        ATTEMPTS_PER_MESSAGE, failure);
    String error = (wasFetched ? "storing" : "fetching from IMAP") + " failed " + ATTEMPTS_PER_MESSAGE
        + " times; last error: " + failure;
    pipeline.deferringAll(() -> pipeline.quarantine(fetched.raw(), fetched.source(), error));
  }

  private boolean attemptsUsedUp(long uid) {
    if (uid != failingUid) {
      failingUid = uid;
      failures = 0;
    }
    return ++failures >= ATTEMPTS_PER_MESSAGE;
  }

  /** Lets the stores already queued finish (a task dropped from the queue would never complete), then ends. */
  @Override
  public void close() {
    storers.shutdown();
  }
}
