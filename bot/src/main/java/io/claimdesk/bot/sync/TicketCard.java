package io.claimdesk.bot.sync;

import io.claimdesk.core.ticket.EmailThread;

/**
 * The facts every chat message about a ticket shows (mailbox, sender, subject, status, owner, a snippet of the first
 * message, the reply link), taken from the ticket's current state; each chat adapter lays them out in its own
 * format. Text is raw customer text: adapters escape it for their markup.
 */
public record TicketCard(
    String threadId,
    String mailbox,
    String fromName,
    String fromEmail,
    String subject,
    String status,
    String ownerName,
    String snippet,
    String replyUrl,
    long version,
    String lastCall) {

  /** A card without a call line. */
  public TicketCard(String threadId, String mailbox, String fromName, String fromEmail, String subject, String status,
      String ownerName, String snippet, String replyUrl, long version) {
    this(threadId, mailbox, fromName, fromEmail, subject, status, ownerName, snippet, replyUrl, version, null);
  }

  /** Characters of the first message shown in chat. */
  public static final int SNIPPET_CHARS = 300;

  /** The card of a ticket; {@code firstText} is the text of its first message, {@code baseUrl} the public base. */
  public static TicketCard of(EmailThread ticket, String firstText, String baseUrl) {
    return of(ticket, firstText, baseUrl, null);
  }

  /**
   * As above, with {@code lastCall}, the line an answered call left on the ticket ("📞 Call from … answered by …")
   * when it is the ticket's latest message, else null.
   */
  public static TicketCard of(EmailThread ticket, String firstText, String baseUrl, String lastCall) {
    String owner = ticket.owner() == null ? null : ticket.owner().displayName();
    return new TicketCard(ticket.id(), ticket.mailbox(), ticket.customerName(), ticket.customerEmail(),
        ticket.subject(), ticket.status().label(), owner, snippet(firstText),
        baseUrl.replaceAll("/+$", "") + "/dashboard/tickets/" + ticket.id() + "/reply", ticket.version(), lastCall);
  }

  /** True when somebody owns the ticket. */
  public boolean owned() {
    return ownerName != null;
  }

  /** The first {@link #SNIPPET_CHARS} characters of the text with runs of white space folded, never a split pair. */
  static String snippet(String text) {
    if (text == null) {
      return "";
    }
    String folded = text.replaceAll("\\s+", " ").strip();
    if (folded.length() <= SNIPPET_CHARS) {
      return folded;
    }
    int end = Character.isHighSurrogate(folded.charAt(SNIPPET_CHARS - 1)) ? SNIPPET_CHARS - 1 : SNIPPET_CHARS;
    return folded.substring(0, end) + "…";
  }
}
