package io.claimdesk.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * The gateway side of {@link FakeDiscord}: a websocket that speaks enough of Discord's gateway protocol (v10) for
 * JDA 6.5: HELLO, heartbeat ACKs, IDENTIFY answered with READY and GUILD_CREATE, RESUME answered with RESUMED for a
 * known session (else an invalid session), and dispatches sent to every identified connection, as Discord sends an
 * interaction to every open session. With {@code compress=zlib-stream} every payload goes through one deflater per
 * connection, flushed with {@code Z_SYNC_FLUSH}, in binary frames.
 */
final class FakeDiscordGateway {
  private static final int HEARTBEAT_MILLIS = 5_000;

  /** One open websocket. */
  private static final class Connection {
    final WsContext ws;
    final Deflater deflater;
    volatile String sessionId;

    Connection(WsContext ws, boolean zlib) {
      this.ws = ws;
      this.deflater = zlib ? new Deflater() : null;
    }

    synchronized void send(String op) {
      send(op, null);
    }

    /** Sends one payload; {@code onSend} runs first, once this connection is free to write it. */
    synchronized void send(String op, Runnable onSend) {
      if (onSend != null) {
        onSend.run();
      }
      if (deflater == null) {
        ws.send(op);
        return;
      }
      deflater.setInput(op.getBytes(StandardCharsets.UTF_8));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        out.write(buffer, 0, n);
      } while (n == buffer.length);
      ws.send(ByteBuffer.wrap(out.toByteArray()));
    }
  }

  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  /** Sequence numbers per gateway session, kept across a resume. */
  private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger resumes = new AtomicInteger();
  private final AtomicInteger heartbeats = new AtomicInteger();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private volatile String url;

  void url(String url) {
    this.url = url;
  }

  String url() {
    return url;
  }

  void configure(WsConfig ws) {
    ws.onConnect(ctx -> {
      ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
      Connection connection = new Connection(ctx, "zlib-stream".equals(ctx.queryParam("compress")));
      connections.put(ctx.sessionId(), connection);
      ObjectNode hello = DiscordPayloads.JSON.createObjectNode().put("op", 10);
      hello.putObject("d").put("heartbeat_interval", HEARTBEAT_MILLIS);
      hello.putNull("s").putNull("t");
      connection.send(hello.toString());
    });
    ws.onMessage(ctx -> handle(ctx, ctx.message()));
    ws.onBinaryMessage(ctx -> handle(ctx, new String(ctx.data(), ctx.offset(), ctx.length(),
        StandardCharsets.UTF_8)));
    ws.onClose(ctx -> closed(ctx.sessionId()));
    ws.onError(ctx -> closed(ctx.sessionId()));
  }

  private void closed(String wsId) {
    Connection connection = connections.remove(wsId);
    if (connection != null && connection.deflater != null) {
      synchronized (connection) {
        connection.deflater.end();
      }
    }
  }

  private void handle(WsContext ctx, String text) throws Exception {
    received.add(text);
    Connection connection = connections.get(ctx.sessionId());
    if (connection == null) {
      return;
    }
    JsonNode payload = DiscordPayloads.JSON.readTree(text);
    switch (payload.path("op").asInt(-1)) {
      case 1 -> {
        heartbeats.incrementAndGet();
        connection.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
      }
      case 2 -> {
        identifies.incrementAndGet();
        String sessionId = UUID.randomUUID().toString().replace("-", "");
        sessions.put(sessionId, new AtomicInteger());
        connection.sessionId = sessionId;
        dispatch(connection, "READY", DiscordPayloads.ready(sessionId, url));
        dispatch(connection, "GUILD_CREATE", DiscordPayloads.guildCreate());
      }
      case 6 -> {
        String sessionId = payload.path("d").path("session_id").asText();
        if (sessions.containsKey(sessionId)) {
          resumes.incrementAndGet();
          connection.sessionId = sessionId;
          dispatch(connection, "RESUMED", DiscordPayloads.JSON.createObjectNode());
        } else {
          connection.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
        }
      }
      default -> { }
    }
  }

  private void dispatch(Connection connection, String type, ObjectNode data) {
    dispatch(connection, type, data, null);
  }

  private void dispatch(Connection connection, String type, ObjectNode data, Runnable onSend) {
    synchronized (connection) {
      // the sequence number is taken under the connection's lock, so that frames go out in sequence order
      int seq = sessions.get(connection.sessionId).incrementAndGet();
      ObjectNode op = DiscordPayloads.JSON.createObjectNode().put("op", 0).put("s", seq).put("t", type);
      op.set("d", data);
      connection.send(op.toString(), onSend);
    }
  }

  /**
   * Sends the event to every identified connection; returns how many got it. {@code onSend} runs as the first
   * frame starts to be written: the moment Discord dispatches it.
   */
  int dispatch(String type, ObjectNode data, Runnable onSend) {
    int sent = 0;
    for (Connection connection : connections.values()) {
      if (connection.sessionId != null) {
        dispatch(connection, type, data, sent == 0 ? onSend : null);
        sent++;
      }
    }
    return sent;
  }

  /** Closes every connection with a code that lets the client resume (4000, unknown error). */
  void drop() {
    for (Connection connection : connections.values()) {
      connection.ws.closeSession(4000, "dropped by the test");
    }
  }

  int identifies() {
    return identifies.get();
  }

  int resumes() {
    return resumes.get();
  }

  int heartbeats() {
    return heartbeats.get();
  }

  int readyConnections() {
    return (int) connections.values().stream().filter(c -> c.sessionId != null).count();
  }

  List<String> received() {
    return List.copyOf(received);
  }
}
