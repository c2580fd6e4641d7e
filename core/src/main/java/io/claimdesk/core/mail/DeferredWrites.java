package io.claimdesk.core.mail;

/**
 * Lets the steps of one ingestion be acknowledged before they are durable: they become durable together with its
 * last write, {@link MessageIndex#markStored}, which is journaled and so carries every write before it. Each step
 * can be repeated, so a crash that loses the tail of a job loses nothing that running the job again (the same mail
 * fetched again, or posted again because it was never answered) does not redo. One journal wait per mail instead of
 * one per step.
 */
public interface DeferredWrites {
  /** Work that may throw. */
  interface Job<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs {@code job} in this thread with its writes deferred. */
  <T, E extends Exception> T run(Job<T, E> job) throws E;

  /**
   * Runs {@code job} in this thread with every write deferred, the closing writes of the jobs inside it included:
   * for a caller that stores many mails in a row and makes them all durable with one journaled write of its own
   * once they are done (the IMAP checkpoint), each mail's steps still repeatable should that write never come.
   */
  <T, E extends Exception> T runAll(Job<T, E> job) throws E;
}
