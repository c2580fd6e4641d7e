package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** EMBEDDED_MONGO_ADDRESS: a plain MongoDB listener on the embedded database, for tools, announced loudly. */
class EmbeddedMongoAddressTest {

  @Test
  void aPlainClientOnTheAddressShouldReadWhatTheAppWroteAndTheStartShouldWarn(@TempDir Path dataDir)
      throws Exception {
    int httpPort = FreePorts.next();
    int mongoPort = FreePorts.next();
    AppConfig config = AppConfig.fromEnv(Map.of("PORT", Integer.toString(httpPort), "DATA_DIR", dataDir.toString(),
        "ADMIN_EMAIL", "root@example.com", "ADMIN_PASSWORD", "root-password-1",
        "EMBEDDED_MONGO_ADDRESS", "127.0.0.1:" + mongoPort));
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try (Claimdesk app = Claimdesk.start(config, 4);
        MongoClient tool = MongoClients.create("mongodb://127.0.0.1:" + mongoPort
            + "/?serverSelectionTimeoutMS=3000")) {
      Document admin = tool.getDatabase("claimdesk").getCollection("team_members")
          .find(Filters.eq("email", "root@example.com")).first();
      String password = new String(new ConnectionString(app.embeddedConnectionString().orElseThrow()).getPassword());

      List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage).toList();
      System.out.println("admin read on the plain address: " + (admin == null ? null : admin.getString("role"))
          + "; warnings: " + warnings);
      assertThat(admin).isNotNull();
      assertThat(admin.getString("role")).isEqualTo("admin");
      assertThat(warnings).anySatisfy(w -> assertThat(w)
          .contains("127.0.0.1:" + mongoPort)
          .contains("anyone who can reach that address can read and change all data"));
      assertThat(password).hasSize(43);
      assertThat(logged.list).isNotEmpty().noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(password));
    } finally {
      root.detachAppender(logged);
    }
  }

  @Test
  void theAddressShouldDefaultToLoopbackAndTakeAnExplicitIp() {
    assertThat(address("27017")).isEqualTo(new InetSocketAddress("127.0.0.1", 27017));
    assertThat(address("localhost:27018")).isEqualTo(new InetSocketAddress("127.0.0.1", 27018));
    assertThat(address("0.0.0.0:27019")).isEqualTo(new InetSocketAddress("0.0.0.0", 27019));
    assertThat(address("[::1]:27020").getAddress().isLoopbackAddress()).isTrue();
    assertThat(AppConfig.fromEnv(Map.of()).embeddedMongoAddress()).isNull();
  }

  @Test
  void badAddressesShouldEachStopTheStartWithOneMessage() {
    assertThat(problem("db.example.com:27017")).isEqualTo("EMBEDDED_MONGO_ADDRESS: the host must be localhost or"
        + " an IP address, not a name that could resolve to another interface (got 'db.example.com:27017')");
    assertThat(problem("127.0.0.1:70000"))
        .isEqualTo("EMBEDDED_MONGO_ADDRESS: the port must be from 1 to 65535 (got '127.0.0.1:70000')");
    assertThat(problem("127.0.0.1"))
        .isEqualTo("EMBEDDED_MONGO_ADDRESS: must be host:port, e.g. 127.0.0.1:27017 (got '127.0.0.1')");
    assertThat(problem("300.1.1.1:27017")).startsWith("EMBEDDED_MONGO_ADDRESS: the host must be localhost");
    ConfigException withUri = catchThrowableOfType(ConfigException.class, () -> AppConfig.fromEnv(Map.of(
        "EMBEDDED_MONGO_ADDRESS", "127.0.0.1:27017", "MONGODB_URI", "mongodb://db:27017")));
    assertThat(withUri.problems())
        .containsExactly("EMBEDDED_MONGO_ADDRESS: only for the embedded database, and MONGODB_URI is set");
  }

  private static InetSocketAddress address(String value) {
    return AppConfig.fromEnv(Map.of("EMBEDDED_MONGO_ADDRESS", value)).embeddedMongoAddress();
  }

  private static String problem(String value) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> AppConfig.fromEnv(Map.of("EMBEDDED_MONGO_ADDRESS", value)));
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }
}
