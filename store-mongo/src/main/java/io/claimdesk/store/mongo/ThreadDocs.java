package io.claimdesk.store.mongo;

import io.claimdesk.core.event.TicketEvent;
import io.claimdesk.core.ticket.ChatPost;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.Owner;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.core.ticket.ThreadMessage;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Maps tickets and messages to their documents ({@code email_threads}, {@code thread_messages}) and back. */
final class ThreadDocs {
  private ThreadDocs() {}

  static EmailThread thread(Document doc) {
    Object assignedTo = doc.get("assignedTo");
    Owner owner = assignedTo == null
        ? null
        : new Owner(Ids.hex(assignedTo), doc.getString("assignedToEmail"), doc.getString("assignedToName"),
            Docs.instant(doc, "claimedAt"));
    List<ChatPost> chat = new ArrayList<>();
    for (Document post : doc.getList("chat", Document.class, List.of())) {
      chat.add(new ChatPost(post.getString("platform"), post.getString("channel"), post.getString("messageRef")));
    }
    return new EmailThread(
        Ids.hex(doc.get("_id")),
        doc.getString("mailbox"),
        doc.getString("subject"),
        doc.getString("customerEmail"),
        doc.getString("customerName"),
        TicketStatus.parse(doc.getString("status")).orElse(TicketStatus.OPEN),
        owner,
        Docs.instant(doc, "receivedAt"),
        Docs.instant(doc, "lastMessageAt"),
        Docs.intValue(doc, "messageCount"),
        Docs.longValue(doc, "version"),
        chat,
        doc.getString("tag"),
        Docs.instant(doc, "lastInboundAt"),
        Docs.instant(doc, "lastReplyAt"),
        doc.getString("customerPhone"));
  }

  /** The {@code $set} part that writes an owner, or clears it when {@code owner} is null. */
  static Document ownerFields(Owner owner) {
    Document set = new Document();
    set.put("assignedTo", owner == null ? null : new ObjectId(owner.memberId()));
    set.put("assignedToEmail", owner == null ? null : owner.email());
    set.put("assignedToName", owner == null ? null : owner.name());
    set.put("claimedAt", owner == null ? null : Docs.date(owner.claimedAt()));
    return set;
  }

  static List<Document> attachments(List<ThreadMessage.Attachment> list) {
    List<Document> attachments = new ArrayList<>();
    for (ThreadMessage.Attachment a : list) {
      attachments.add(new Document("filename", a.filename())
          .append("contentType", a.contentType())
          .append("size", a.size())
          .append("contentId", a.contentId())
          .append("storageId", a.storageId()));
    }
    return attachments;
  }

  static List<ThreadMessage.Attachment> attachments(Document doc) {
    List<ThreadMessage.Attachment> attachments = new ArrayList<>();
    for (Document a : doc.getList("attachments", Document.class, List.of())) {
      attachments.add(new ThreadMessage.Attachment(a.getString("filename"), a.getString("contentType"),
          Docs.longValue(a, "size"), a.getString("contentId"), a.getString("storageId")));
    }
    return attachments;
  }

  static Document message(ThreadMessage message, String id) {
    List<Document> attachments = attachments(message.attachments());
    return new Document("_id", id)
        .append("threadId", new ObjectId(message.threadId()))
        .append("direction", message.direction().name().toLowerCase())
        .append("messageId", message.messageId())
        .append("inReplyTo", message.inReplyTo())
        .append("references", message.references())
        .append("from", message.from())
        .append("fromName", message.fromName())
        .append("to", message.to())
        .append("cc", message.cc())
        .append("date", Docs.date(message.date()))
        .append("text", message.text())
        .append("html", message.html())
        .append("attachments", attachments)
        .append("authorMemberId", message.authorMemberId());
  }

  static ThreadMessage message(Document doc) {
    List<ThreadMessage.Attachment> attachments = attachments(doc);
    return new ThreadMessage(
        doc.getString("_id"),
        Ids.hex(doc.get("threadId")),
        ThreadMessage.Direction.valueOf(doc.getString("direction").toUpperCase()),
        doc.getString("messageId"),
        doc.getString("inReplyTo"),
        Docs.strings(doc, "references"),
        doc.getString("from"),
        doc.getString("fromName"),
        Docs.strings(doc, "to"),
        Docs.strings(doc, "cc"),
        Docs.instant(doc, "date"),
        doc.getString("text"),
        doc.getString("html"),
        attachments,
        doc.getString("authorMemberId"));
  }

  /** A new ticket's document with a newly drawn tag: {@code fields} over those of a ticket without messages. */
  static Document newTicket(ObjectId id, NewThread thread, Document fields) {
    Document doc = new Document("_id", id)
        .append("mailbox", thread.mailbox())
        .append("subject", thread.subject())
        .append("customerEmail", thread.customerEmail())
        .append("customerName", thread.customerName())
        .append("status", thread.status().value())
        .append("receivedAt", Docs.date(thread.receivedAt()))
        .append("lastMessageAt", Docs.date(thread.receivedAt()))
        .append("messageCount", 0)
        .append("version", 1L)
        .append("chat", List.of())
        .append("tag", Tags.next())
        .append(SearchText.FIELD, SearchText.threadParts(thread.subject(), thread.customerEmail(),
            thread.customerName()));
    if (thread.customerPhone() != null) {
      doc.append("customerPhone", thread.customerPhone()); // only voicemail tickets carry it
    }

    doc.putAll(ownerFields(null));
    doc.putAll(fields);
    return doc;
  }

  /** A customer's mail or voicemail: what the team owes an answer to ({@code lastInboundAt}). */
  static boolean fromCustomer(ThreadMessage message) {
    return message.direction() == ThreadMessage.Direction.INBOUND
        || message.direction() == ThreadMessage.Direction.VOICEMAIL;
  }

  /** The fields of a new ticket that its first message, received {@code at}, sets. */
  static Document firstMessageFields(NewThread thread, ThreadMessage message, TicketEvent event, Date at) {
    Date received = Docs.date(thread.receivedAt());
    List<String> search = new ArrayList<>(SearchText.threadParts(thread.subject(), thread.customerEmail(),
        thread.customerName()));
    search.add(SearchText.messagePart(message));
    Document fields = new Document("messageCount", 1).append("version", 2L)
        .append("lastMessageAt", at.after(received) ? at : received).append(SearchText.FIELD, search);
    if (ThreadDocs.fromCustomer(message)) {
      fields.append("lastInboundAt", at);
    } else if (message.direction() == ThreadMessage.Direction.OUTBOUND) {
      fields.append("lastReplyAt", at).append("firstReplyAt", at);
    }
    if (event != null) {
      fields.append("recentEvents", List.of(RecentEvents.document(event)));
    }
    return fields;
  }
}
