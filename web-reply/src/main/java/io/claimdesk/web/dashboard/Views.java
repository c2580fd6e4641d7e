package io.claimdesk.web.dashboard;

import io.claimdesk.core.reply.PendingReply;
import io.claimdesk.core.savedreply.SavedReply;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.voice.CallLog;
import io.claimdesk.core.team.ApiToken;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.workload.Workload;
import io.claimdesk.web.page.Chrome;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The models of the dashboard templates, one record per page. */
public final class Views {
  private Views() {}

  /** The link to the contact card of whoever holds this customer address. */
  public static String contactLink(String email) {
    return "/dashboard/contacts/lookup?email=" + URLEncoder.encode(email == null ? "" : email, StandardCharsets.UTF_8);
  }

  /** A choice in a select box. */
  public record Option(String value, String label, boolean selected) {}

  /** A column header's link to the list in another order; {@code key} is the sort's wire value. */
  public record SortLink(String key, String href, boolean current) {}

  /**
   * A ticket list: all (with filters, search and pages), mine, or unassigned; {@code q}, {@code status},
   * {@code assignee} and {@code sort} as typed (null when absent), {@code error} why a search was not run.
   */
  public record ListView(Chrome chrome, String kind, String heading, List<TicketRow> rows, List<Option> statuses,
      List<Option> assignees, String nextUrl, String back, Instant now, String q, String status, String assignee,
      String sort, List<SortLink> sorts, String error) {
    /** The header link of the sort with this wire value. */
    public SortLink sortLink(String key) {
      return sorts.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }
  }

  /** A message of a thread, with its HTML made safe (null when the mail had none). */
  public record MessageView(ThreadMessage message, String safeHtml, int blockedImages) {
    public String directionLabel() {
      return switch (message.direction()) {
        case INBOUND -> "Customer";
        case OUTBOUND -> "Reply";
        case AUTOMATED -> "Automatic mail";
        case NOTE -> "Note";
        case VOICEMAIL -> "Voicemail";
      };
    }

    public String cssClass() {
      return message.direction().name().toLowerCase();
    }

    /** Notes are the team's own: shown apart, and never mailed to the customer. */
    public boolean internal() {
      return message.direction() == ThreadMessage.Direction.NOTE;
    }
  }

  /** The ticket page: thread, owner and status, actions, and the assignment history. */
  public record TicketView(Chrome chrome, TicketRow row, List<MessageView> messages, List<HistoryRow> history,
      List<Option> statuses, List<Option> members, boolean canUnclaim, boolean canChangeStatus, boolean canReassign,
      boolean remoteImages, int blockedImages, String back, Instant now, List<UnsentView> unsent,
      ReplyGate gate) {}

  /**
   * Whether the viewer can reply, said before they type: {@code owner} is the name of the member who holds the
   * ticket when that is someone else (null when the viewer may reply), {@code repliesOff} when no mail server is
   * configured, {@code manager} when the viewer may reassign the ticket themselves.
   */
  public record ReplyGate(String owner, boolean repliesOff, boolean manager) {
    public boolean open() {
      return owner == null && !repliesOff;
    }

    /** What to do about a ticket someone else holds. */
    public String hint() {
      return manager ? "Ask " + owner + " to hand it over, or reassign it (Reassign, on the ticket page)."
          : "Ask " + owner + " to hand it over, or ask a manager to reassign it.";
    }
  }

  /**
   * A reply the mail server has not accepted: failed, or still sending ({@code cutOff} when for so long that the
   * process sending it must have stopped), with what the viewer may do with it.
   */
  public record UnsentView(PendingReply reply, String author, boolean cutOff, boolean canRetry, boolean canDiscard) {}

  /** The reply page: the thread, the draft, and why the last send did not go out, if it did not. */
  public record ReplyView(Chrome chrome, TicketRow row, List<MessageView> messages, String draft, String error,
      boolean repliesEnabled, boolean remoteImages, int blockedImages, Instant now, ReplyGate gate,
      List<SavedReply> savedReplies, String cc) {}

  /** The saved replies page: every saved reply, editable by managers; the last form's error, if any. */
  public record SavedRepliesView(Chrome chrome, List<SavedReply> replies, boolean canEdit, String error) {}

  /** The team page: the workload, every member, and whether the viewer may edit them (admins). */
  public record TeamView(Chrome chrome, Workload workload, List<TeamMember> members, boolean admin) {
    public List<Option> roles(TeamMember m) {
      return Arrays.stream(Role.values()).map(r -> new Option(r.value(), r.value(), r == m.role())).toList();
    }

    public List<Option> voices(TeamMember m) {
      return Arrays.stream(VoiceMode.values())
          .map(v -> new Option(v.value(), v.value(), v == m.voice())).toList();
    }
  }

  /** The contact card: the contact, their unresolved tickets, and the edit form's text of emails and phones. */
  /** A call on the contact card; {@code answeredBy} is the name of the member who answered, or null. */
  public record CallRow(CallLog call, String answeredBy) {}

  public record ContactView(Chrome chrome, Contact contact, List<EmailThread> tickets, List<CallRow> calls) {
    public String emailsText() {
      return String.join("\n", contact.emails());
    }

    public String phonesText() {
      return String.join("\n", contact.phones());
    }
  }

  /**
   * The account page: its password form's error, the member's API tokens, a token just created (shown this once)
   * and the token form's error; each may be null or empty.
   */
  public record AccountView(Chrome chrome, String error, List<ApiToken> tokens, String newToken, String tokenError,
      Instant now) {}
}
