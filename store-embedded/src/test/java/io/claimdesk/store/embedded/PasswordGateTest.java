package io.claimdesk.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The gate on one connection, without a socket: what passes, what is answered, and that it leaves once passed. */
class PasswordGateTest {
  private static final byte[] PASSWORD = "per-start-password".getBytes(StandardCharsets.UTF_8);

  @Test
  void theRightPasswordShouldRemoveTheGateSoLaterCommandsPassUnchecked() {
    EmbeddedChannel channel = new EmbeddedChannel(new PasswordGate(PASSWORD));

    channel.writeInbound(message(channel, 1, new Document("hello", 1)));
    channel.writeInbound(message(channel, 2, saslStart("claimdesk\0claimdesk\0per-start-password")));
    channel.writeInbound(message(channel, 3, new Document("find", "team_members")));

    MongoMessage passedHello = channel.readInbound();
    MongoMessage passedFind = channel.readInbound();
    MongoMessage answer = channel.readOutbound();
    assertThat(passedHello.getDocument().keySet()).first().isEqualTo("hello");
    assertThat(passedFind.getDocument().keySet()).first().isEqualTo("find");
    assertThat(answer.getHeader().getResponseTo()).isEqualTo(2);
    assertThat(answer.getDocument()).containsEntry("done", true).containsEntry("ok", 1);
    assertThat(channel.pipeline().get(PasswordGate.class)).isNull();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aCommandBeforeAuthenticationShouldBeAnsweredUnauthorizedAndTheConnectionClosed() {
    EmbeddedChannel channel = new EmbeddedChannel(new PasswordGate(PASSWORD));

    channel.writeInbound(message(channel, 5, new Document("update", "team_members")));

    MongoMessage answer = channel.readOutbound();
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(answer.getHeader().getResponseTo()).isEqualTo(5);
    assertThat(answer.getDocument()).containsEntry("ok", 0).containsEntry("code", 13);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aWrongPasswordOrUserShouldBeAnsweredAuthenticationFailedAndTheConnectionClosed() {
    for (String payload : new String[] {"claimdesk\0claimdesk\0per-start-passwore", "\0admin\0per-start-password",
        "claimdesk\0per-start-password", "\0claimdesk\0per-start-password-and-more"}) {
      EmbeddedChannel channel = new EmbeddedChannel(new PasswordGate(PASSWORD));

      channel.writeInbound(message(channel, 9, saslStart(payload)));

      MongoMessage answer = channel.readOutbound();
      assertThat(answer.getDocument()).as(payload).containsEntry("ok", 0).containsEntry("code", 18);
      assertThat(channel.isOpen()).as(payload).isFalse();
    }
  }

  private static Document saslStart(String payload) {
    return new Document("saslStart", 1).append("mechanism", "PLAIN")
        .append("payload", new BinData(payload.getBytes(StandardCharsets.UTF_8))).append("$db", "$external");
  }

  private static MongoMessage message(EmbeddedChannel channel, int requestId, Document document) {
    return new MongoMessage(channel, new MessageHeader(requestId, 0), document);
  }
}
