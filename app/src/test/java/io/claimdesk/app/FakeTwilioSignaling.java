package io.claimdesk.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Twilio's signalling server as the Voice JS SDK speaks to it (JSON messages over a WebSocket at {@code /signal},
 * which the SDK always opens with TLS), on 127.0.0.1 with a certificate made for the test: it accepts the
 * {@code listen} and {@code register} of a browser, sends the invites a test asks for, and keeps what it received.
 */
final class FakeTwilioSignaling implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "test-only";

  private final Javalin server;
  private final ServerConnector tls;
  private final String spkiHash;
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private volatile WsContext browser;
  /** The token lifetime the server tells the browser it read; the SDK asks for a new token 10 s before its end. */
  volatile int ttlSeconds = 3600;
  /** When set, every listen is answered as Twilio answers a token it does not accept. */
  volatile boolean refuseTokens;

  private FakeTwilioSignaling(Path keyStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keyStore.toFile())) {
      store.load(in, PASSWORD.toCharArray());
    }
    Certificate certificate = store.getCertificate("signal");
    spkiHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
        .digest(certificate.getPublicKey().getEncoded()));
    ServerConnector[] connector = new ServerConnector[1];
    server = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jetty.addConnector((jetty, http) -> {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false)); // the host is an IP address, which SNI never names
        connector[0] = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"),
            new HttpConnectionFactory(https));
        connector[0].setHost("127.0.0.1");
        connector[0].setPort(0);
        return connector[0];
      });
    });
    server.ws("/signal", ws -> {
      ws.onConnect(ctx -> browser = ctx);
      ws.onMessage(ctx -> {
        JsonNode message = JSON.readTree(ctx.message());
        received.add(message);
        switch (message.path("type").asText()) {
          case "listen" -> {
            if (refuseTokens) {
              send("error", JSON.createObjectNode().set("error", JSON.createObjectNode().put("code", 31204)
                  .put("message", "JWT is invalid")));
              return;
            }
            send("connected", JSON.createObjectNode().put("region", "us1")
              .set("token", JSON.createObjectNode().put("identity", identity(message)).put("ttl", ttlSeconds)));
          }
          case "register" -> send("ready", JSON.createObjectNode());
          default -> { }
        }
      });
    });
    server.start("127.0.0.1", 0);
    tls = connector[0];
  }

  /** Makes a certificate for 127.0.0.1 with the JDK's keytool and starts the server. */
  static FakeTwilioSignaling start(Path dir) throws Exception {
    Path keyStore = dir.resolve("signal.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "signal", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=IP:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    return new FakeTwilioSignaling(keyStore);
  }

  /** host:port of the TLS WebSocket, as the softphone's signalling host. */
  String host() {
    return "127.0.0.1:" + tls.getLocalPort();
  }

  /** The Chromium argument that trusts this server's certificate (and no other untrusted one). */
  String trustArgument() {
    return "--ignore-certificate-errors-spki-list=" + spkiHash;
  }

  void send(String type, JsonNode payload) throws IOException {
    ObjectNode message = JSON.createObjectNode().put("type", type).put("version", "1.6");
    message.set("payload", payload);
    browser.send(JSON.writeValueAsString(message));
  }

  /** Forgets what earlier browsers sent. */
  void forget() {
    received.clear();
  }

  /** The next message of this type the browser sent, waiting up to 10 s; null if none came. */
  JsonNode next(String type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      JsonNode message = received.poll(left, TimeUnit.NANOSECONDS);
      if (message != null && type.equals(message.path("type").asText())) {
        return message;
      }
    }
    return null;
  }

  private static String identity(JsonNode listen) throws IOException {
    String token = listen.path("payload").path("token").asText();
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).at("/grants/identity").asText();
  }

  @Override
  public void close() {
    server.stop();
  }
}
