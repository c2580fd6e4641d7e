package io.claimdesk.store.embedded;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Speaks the MongoDB wire protocol over a bare socket, as a hand-written client of another local user would: one
 * message as the first thing on a new connection, no handshake.
 */
final class WireProbe {
  private static final int OP_REPLY = 1;
  private static final int OP_QUERY = 2004;
  private static final int OP_MSG = 2013;

  private WireProbe() {}

  /** Sends {@code command} as an OP_MSG; its reply document, or null when the server closed the connection. */
  static BsonDocument command(int port, BsonDocument command) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(int32(0));
    body.write(0);
    body.writeBytes(bson(command));
    byte[] reply = exchange(port, OP_MSG, body.toByteArray());
    if (reply == null) {
      return null;
    }
    // flag bits, then section kind 0: the body document
    return new RawBsonDocument(Arrays.copyOfRange(reply, 5, reply.length));
  }

  /** Sends a legacy OP_QUERY on {@code namespace} (a collection, not a command); the documents it answers. */
  static List<BsonDocument> legacyQuery(int port, String namespace) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(int32(0));
    body.writeBytes((namespace + "\0").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(int32(0));
    body.writeBytes(int32(0));
    body.writeBytes(bson(new BsonDocument()));
    byte[] reply = exchange(port, OP_QUERY, body.toByteArray());
    List<BsonDocument> documents = new ArrayList<>();
    if (reply == null) {
      return documents;
    }
    ByteBuffer in = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
    in.position(4 + 8 + 4); // responseFlags, cursorID, startingFrom
    int returned = in.getInt();
    for (int i = 0; i < returned; i++) {
      int length = ByteBuffer.wrap(reply, in.position(), 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      documents.add(new RawBsonDocument(Arrays.copyOfRange(reply, in.position(), in.position() + length)));
      in.position(in.position() + length);
    }
    return documents;
  }

  /** One request and the body of its reply (after the 16-byte header); null when the connection was closed. */
  private static byte[] exchange(int port, int opCode, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(16 + body.length).putInt(1).putInt(0).putInt(opCode);
      socket.getOutputStream().write(header.array());
      socket.getOutputStream().write(body);
      socket.getOutputStream().flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] replyHeader = new byte[16];
      try {
        in.readFully(replyHeader);
      } catch (EOFException | java.net.SocketException closed) {
        return null;
      }
      ByteBuffer h = ByteBuffer.wrap(replyHeader).order(ByteOrder.LITTLE_ENDIAN);
      int length = h.getInt();
      h.getInt();
      h.getInt();
      int replyOp = h.getInt();
      if (replyOp != OP_MSG && replyOp != OP_REPLY) {
        throw new IOException("unexpected reply opcode " + replyOp);
      }
      byte[] reply = new byte[length - 16];
      in.readFully(reply);
      return reply;
    }
  }

  private static byte[] int32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  private static byte[] bson(BsonDocument document) {
    RawBsonDocument raw = new RawBsonDocument(document, new BsonDocumentCodec());
    ByteBuffer buffer = raw.getByteBuffer().asNIO();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
