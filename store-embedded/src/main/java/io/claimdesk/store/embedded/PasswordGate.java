package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import de.bwaldvogel.mongo.wire.message.MongoReply;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;

/**
 * Stands between mongo-java-server's decoder and its database handler on one connection, and lets nothing through
 * but the handshake until the client has authenticated with SASL PLAIN as {@link #USER} and this process's
 * password, as the MongoDB driver does when the connection string carries them. Then it leaves the pipeline, so
 * the check costs once per connection and nothing per command. A connection that asks anything else first, or
 * gives a wrong password, gets MongoDB's error (Unauthorized, AuthenticationFailed) and is closed.
 *
 * <p>The handshake ({@code hello}, {@code isMaster}) stays open: it reveals only the server's version and limits,
 * and the driver's monitoring connections never authenticate. One gate per connection: it is not sharable.
 */
final class PasswordGate extends ChannelInboundHandlerAdapter {
  static final String USER = "claimdesk";
  private static final Set<String> HANDSHAKE = Set.of("hello", "isMaster", "ismaster");
  private static final byte[] USER_BYTES = USER.getBytes(StandardCharsets.UTF_8);

  private final byte[] password;

  PasswordGate(byte[] password) {
    this.password = password;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    ClientRequest request = (ClientRequest) message;
    Document command = command(request);
    String name = command == null || command.isEmpty() ? "" : command.keySet().iterator().next();
    if (HANDSHAKE.contains(name)) {
      ctx.fireChannelRead(message);
    } else if (name.equals("saslStart") && passwordMatches(command)) {
      reply(ctx, request, new Document("conversationId", 1).append("done", true)
          .append("payload", new BinData(new byte[0])).append("ok", 1));
      ctx.pipeline().remove(this);
    } else if (name.equals("saslStart")) {
      refuse(ctx, request, 18, "AuthenticationFailed", "Authentication failed.");
    } else {
      refuse(ctx, request, 13, "Unauthorized", (name.isEmpty() ? "this request" : "command " + name)
          + " requires authentication: this port of claimdesk's embedded database is for claimdesk itself"
          + " (EMBEDDED_MONGO_ADDRESS opens one for tools)");
    }
  }

  /** The command a request carries, or null for a legacy query on a collection. */
  private static Document command(ClientRequest request) {
    if (request instanceof MongoMessage message) {
      return message.getDocument();
    }
    if (request instanceof MongoQuery query && "$cmd".equals(query.getCollectionName())) {
      Document document = query.getQuery();
      return document.get("$query") instanceof Document wrapped ? wrapped : document;
    }
    return null;
  }

  /** SASL PLAIN's payload is {@code authzid NUL authcid NUL password}; the password compared in constant time. */
  private boolean passwordMatches(Document saslStart) {
    if (!"PLAIN".equals(saslStart.get("mechanism")) || !(saslStart.get("payload") instanceof BinData payload)) {
      return false;
    }
    byte[] data = payload.getData();
    int first = indexOfNul(data, 0);
    int second = first < 0 ? -1 : indexOfNul(data, first + 1);
    if (second < 0) {
      return false;
    }
    boolean user = Arrays.equals(Arrays.copyOfRange(data, first + 1, second), USER_BYTES);
    return MessageDigest.isEqual(Arrays.copyOfRange(data, second + 1, data.length), password) & user;
  }

  private static int indexOfNul(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static void refuse(ChannelHandlerContext ctx, ClientRequest request, int code, String codeName,
      String message) {
    reply(ctx, request, new Document("ok", 0).append("errmsg", message).append("code", code)
        .append("codeName", codeName)).addListener(ChannelFutureListener.CLOSE);
  }

  private static io.netty.channel.ChannelFuture reply(ChannelHandlerContext ctx, ClientRequest request,
      Document document) {
    MessageHeader header = new MessageHeader(0, request.getHeader().getRequestID());
    Object reply = request instanceof MongoMessage
        ? new MongoMessage(ctx.channel(), header, document)
        : new MongoReply(header, document);
    return ctx.writeAndFlush(reply);
  }
}
