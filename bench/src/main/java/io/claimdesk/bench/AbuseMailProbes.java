package io.claimdesk.bench;

import io.claimdesk.bench.AbuseScenario.Outcome;
import io.claimdesk.bench.AbuseScenario.Target;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/** The probes with odd mail and on the embedded database: {@code parts}, {@code html}, {@code embedded}. */
final class AbuseMailProbes {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  /** The look-ups after the html post: short, so that the probe stays near a minute when the server is stuck. */
  private static final Duration FOLLOW_UP = Duration.ofSeconds(10);
  private static final int ATTACHMENTS = 10_000;
  private static final int AT_ONCE = 8;
  private static final int HTML_PARTS = 20;
  private static final int HTML_PART_BYTES = (int) (2.4 * 1024 * 1024);

  private AbuseMailProbes() {}

  /** A 1 MB mail of 10,000 one-byte attachments, then 8 such mails at once. */
  static Outcome parts(Target target) throws Exception {
    byte[] first = manyParts("parts-0");
    RawHttp.Answer one = ingest(target, first);
    ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
    Tally tally = new Tally();
    try {
      List<Future<?>> posts = new ArrayList<>();
      for (int i = 1; i <= AT_ONCE; i++) {
        byte[] mail = manyParts("parts-" + i);
        posts.add(pool.submit(() -> tally.add(ingest(target, mail))));
      }
      for (Future<?> post : posts) {
        post.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Outcome(String.format("a %s mail with %,d one-byte attachments to POST /api/ingest/raw, then %d "
        + "such mails at once", Tally.mb(first.length), ATTACHMENTS, AT_ONCE), "one: "
        + AbuseStreamProbes.one(one) + "; " + AT_ONCE + " at once: " + tally.describe(true));
  }

  /** One 48 MB mail of 20 HTML parts of 2.4 MB, then whether it can be read back or sits in the quarantine. */
  static Outcome html(Target target) {
    ByteArrayOutputStream mail = new ByteArrayOutputStream();
    write(mail, head("html-parts", "Twenty HTML parts", "bench-mixed"));
    String line = "<p>Line with <b>bold</b>, <i>italic</i> and <a href=\"https://example.com/page\">a link</a>.</p>"
        + "\r\n";
    for (int part = 0; part < HTML_PARTS; part++) {
      write(mail, "--bench-mixed\r\nContent-Type: text/html; charset=utf-8\r\n\r\n");
      StringBuilder html = new StringBuilder(HTML_PART_BYTES + line.length());
      while (html.length() < HTML_PART_BYTES) {
        html.append(line);
      }
      write(mail, html.substring(0, HTML_PART_BYTES - 2) + "\r\n");
    }
    write(mail, "--bench-mixed--\r\n");
    RawHttp.Answer posted = ingest(target, mail.toByteArray());
    RawHttp.Answer signIn = adminSignIn(target);
    Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(signIn.body());
    String found;
    if (!token.find()) {
      found = "not looked for: the admin's sign-in answered " + signIn.kind();
    } else {
      String bearer = "Authorization: Bearer " + token.group(1);
      Matcher thread = Pattern.compile("\"threadId\"\\s*:\\s*\"([^\"]+)\"").matcher(posted.body());
      String ticket = !thread.find() ? "no threadId in the answer" : describeRead(RawHttp.get("127.0.0.1",
          target.port(), "/api/emails/tickets/" + thread.group(1), FOLLOW_UP, bearer));
      RawHttp.Answer quarantine = RawHttp.get("127.0.0.1", target.port(), "/api/admin/quarantine", FOLLOW_UP,
          bearer);
      Matcher count = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(quarantine.body());
      found = "GET the ticket: " + ticket + "; quarantine: " + (count.find() ? count.group(1) + " entries"
          : quarantine.kind());
    }
    return new Outcome(String.format("one %s mail of %d HTML parts of %s to POST /api/ingest/raw",
        Tally.mb(mail.size()), HTML_PARTS, Tally.mb(HTML_PART_BYTES)), "post: " + AbuseStreamProbes.one(posted)
        + "; " + found);
  }

  /**
   * A MongoDB {@code find} on {@code claimdesk.team_members} sent as a raw OP_MSG, with no authentication, to each
   * other port the child listens on (the embedded database's): whether documents come back.
   */
  static Outcome embedded(Target target) throws Exception {
    List<Integer> ports = target.child().otherListeningPorts();
    List<String> seen = new ArrayList<>();
    for (int port : ports) {
      seen.add("port " + port + ": " + unauthenticatedFind(port));
    }
    return new Outcome("an unauthenticated OP_MSG find on claimdesk.team_members to each other port claimdesk "
        + "listens on", ports.isEmpty() ? "no other listening port found" : String.join("; ", seen));
  }

  private static String unauthenticatedFind(int port) {
    BsonDocument find = new BsonDocument("find", new BsonString("team_members"))
        .append("$db", new BsonString("claimdesk"));
    BasicOutputBuffer encoded = new BasicOutputBuffer();
    new BsonDocumentCodec().encode(new BsonBinaryWriter(encoded), find, EncoderContext.builder().build());
    byte[] document = encoded.toByteArray();
    ByteBuffer message = ByteBuffer.allocate(21 + document.length).order(ByteOrder.LITTLE_ENDIAN);
    message.putInt(21 + document.length).putInt(1).putInt(0).putInt(2013).putInt(0).put((byte) 0).put(document);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(message.array());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] lengthBytes = new byte[4];
      in.readFully(lengthBytes);
      int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
      byte[] rest = new byte[length - 4];
      in.readFully(rest);
      // header (16, of which the length was read), flag bits (4), section kind (1), then the reply document
      RawBsonDocument reply = new RawBsonDocument(rest, 17, rest.length - 17);
      if (reply.containsKey("cursor")) {
        int documents = reply.getDocument("cursor").getArray("firstBatch").size();
        return documents + " document(s) came back" + (documents > 0 ? " (fields: " + String.join(", ",
            reply.getDocument("cursor").getArray("firstBatch").get(0).asDocument().keySet()) + ")" : "");
      }
      return "refused, no documents: " + (reply.containsKey("codeName") ? reply.getString("codeName").getValue() + " "
          : "") + (reply.containsKey("errmsg") ? "`" + reply.getString("errmsg").getValue() + "`" : reply.toJson());
    } catch (IOException | RuntimeException e) {
      return "no answer: " + e.getMessage();
    }
  }

  private static String describeRead(RawHttp.Answer answer) {
    Matcher messages = Pattern.compile("\"messageCount\"\\s*:\\s*(\\d+)").matcher(answer.body());
    return answer.kind() + (answer.answered() ? ", " + Tally.mb(answer.bodyBytes()) : "")
        + (messages.find() ? ", messageCount " + messages.group(1) : "")
        + (answer.status() >= 400 ? " " + AbuseStreamProbes.one(answer) : "");
  }

  private static RawHttp.Answer adminSignIn(Target target) {
    String json = "{\"email\":\"" + target.credentials().adminEmail() + "\",\"password\":\""
        + target.credentials().adminPassword() + "\"}";
    return RawHttp.exchange("127.0.0.1", target.port(), "POST /api/auth/token HTTP/1.1\r\n"
        + "Content-Type: application/json\r\n", json.getBytes(StandardCharsets.UTF_8), FOLLOW_UP);
  }

  private static RawHttp.Answer ingest(Target target, byte[] mail) {
    return RawHttp.exchange("127.0.0.1", target.port(), "POST /api/ingest/raw HTTP/1.1\r\nContent-Type: "
        + "message/rfc822\r\nAuthorization: Bearer " + target.credentials().ingestToken() + "\r\n", mail, LIMIT);
  }

  private static byte[] manyParts(String id) {
    // a one-letter boundary keeps each part at 103 bytes, so 10,000 of them make a 1.0 MB mail
    StringBuilder mail = new StringBuilder(head(id, "Ten thousand attachments", "b"));
    mail.append("--b\r\nContent-Type: text/plain\r\n\r\nSee the attachments.\r\n");
    for (int i = 0; i < ATTACHMENTS; i++) {
      mail.append(String.format("--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: "
          + "attachment; filename=a%04d.bin\r\n\r\nA\r\n", i));
    }
    return mail.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String head(String id, String subject, String boundary) {
    return "From: Abuse Bench <abuse@example.org>\r\nTo: support@example.com\r\nSubject: " + subject + "\r\n"
        + "Message-ID: <" + id + "-" + System.nanoTime() + "@bench.example.org>\r\n"
        + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
