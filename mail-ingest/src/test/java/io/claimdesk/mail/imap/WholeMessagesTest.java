package io.claimdesk.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole messages fetched in chunks from GreenMail's IMAP server: every byte of each, in few FETCH commands. */
class WholeMessagesTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private ImapFixture imap;

  @BeforeEach
  void open() {
    imap = new ImapFixture(GREEN_MAIL); // GreenMail starts before each test
  }

  @AfterEach
  void close() {
    imap.close();
  }

  /** A mail whose body makes it about {@code kilobytes} long. */
  private static String mail(int n, int kilobytes) {
    String line = ("line of mail " + n + " ").repeat(7).substring(0, 98) + "\r\n";
    return "From: Customer " + n + " <customer" + n + "@example.org>\r\n"
        + "To: " + ImapFixture.USER + "\r\n"
        + "Subject: Mail " + n + "\r\n"
        + "Message-ID: <whole-" + n + "@example.org>\r\n"
        + "\r\n"
        + line.repeat(kilobytes * 1024 / 100);
  }

  @Test
  void everyMessageShouldArriveWholeInOrderWithFewFetchCommands() throws Exception {
    List<String> sent = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      // small ones, six of 900 kB (two in a chunk at most), and one of 1.5 MB fetched alone
      int kilobytes = n == 20 ? 1536 : n % 6 == 3 ? 900 : 3;
      sent.add(mail(n, kilobytes));
      imap.deliver(sent.get(n));
    }
    Properties props = new Properties();
    props.setProperty("mail.imap.partialfetch", "false"); // as the poller sets it
    List<String> received = new ArrayList<>();
    List<Integer> bigOnes = new ArrayList<>();
    long fetches;
    try (CommandCounter counter = new CommandCounter(GREEN_MAIL.getImap().getPort());
        Store store = Session.getInstance(props).getStore("imap")) {
      store.connect("127.0.0.1", counter.port(), ImapFixture.USER, ImapFixture.PASSWORD);
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message[] messages = inbox.getMessages();
      long before = counter.fetches();

      WholeMessages.forEach(inbox, List.of(messages), (message, raw) -> {
        if (raw == null) { // not fetched with a chunk: the big one
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          message.writeTo(out);
          raw = out.toByteArray();
          bigOnes.add(message.getMessageNumber());
        }
        received.add(new String(raw, StandardCharsets.UTF_8));
      });
      fetches = counter.fetches() - before;
    }

    assertThat(received).hasSize(40);
    for (int n = 0; n < 40; n++) {
      assertThat(received.get(n)).as("mail %d", n).endsWith(sent.get(n).substring(sent.get(n).indexOf("\r\n\r\n")));
      assertThat(received.get(n)).contains("Message-ID: <whole-" + n + "@example.org>");
    }
    // the client tags each connection with its own letters (A1, B1...); one for the sizes, the chunks (small ones
    // with up to two big ones: 3 or 4), the 1.5 MB one alone
    assertThat(fetches).isBetween(4L, 7L);
    assertThat(bigOnes).as("only the 1.5 MB one is fetched by itself").containsExactly(21);
  }

  @Test
  void aChunkTheServerWillNotFetchShouldBeFetchedOneByOne() throws Exception {
    List<String> sent = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      sent.add(mail(n, 3));
      imap.deliver(sent.get(n));
    }
    List<String> received = new ArrayList<>();
    List<Boolean> withChunk = new ArrayList<>();
    long refused;
    try (CommandCounter relay = new CommandCounter(GREEN_MAIL.getImap().getPort(), true);
        Store store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("127.0.0.1", relay.port(), ImapFixture.USER, ImapFixture.PASSWORD);
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);

      WholeMessages.forEach(inbox, List.of(inbox.getMessages()), (message, raw) -> {
        withChunk.add(raw != null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        received.add(out.toString(StandardCharsets.UTF_8));
      });
      refused = relay.refused();
    }

    assertThat(refused).as("the chunk's FETCH was refused").isEqualTo(1);
    assertThat(withChunk).hasSize(10).containsOnly(false);
    for (int n = 0; n < 10; n++) {
      assertThat(received.get(n)).as("mail %d", n).contains("Message-ID: <whole-" + n + "@example.org>")
          .endsWith(sent.get(n).substring(sent.get(n).indexOf("\r\n\r\n")));
    }
  }

  /**
   * A loopback relay to the IMAP server that counts the FETCH commands the client sends through it, and answers NO
   * itself to those that ask for several messages' whole content when told to {@code refuseChunks}.
   */
  private static final class CommandCounter implements AutoCloseable {
    private static final Pattern CHUNK =
        Pattern.compile("(?s)([A-Z]+\\d+) FETCH \\S*[:,]\\S* \\(BODY\\.PEEK\\[\\]\\).*");
    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final boolean refuseChunks;

    CommandCounter(int imapPort) throws IOException {
      this(imapPort, false);
    }

    CommandCounter(int imapPort, boolean refuseChunks) throws IOException {
      this.refuseChunks = refuseChunks;
      Thread relay = new Thread(() -> {
        try {
          Socket client = server.accept();
          Socket imap = new Socket(InetAddress.getLoopbackAddress(), imapPort);
          sockets.add(client);
          sockets.add(imap);
          Thread down = new Thread(() -> pump(imap, client));
          down.setDaemon(true);
          down.start();
          relayCommands(client, imap);
        } catch (IOException e) {
          // closed
        }
      });
      relay.setDaemon(true);
      relay.start();
    }

    int port() {
      return server.getLocalPort();
    }

    long fetches() {
      return fetches.get();
    }

    long refused() {
      return refused.get();
    }

    private static void pump(Socket from, Socket to) {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // the other side closed
      }
    }

    /** Passes the client's commands on a line at a time (the test sends no literals), counting or refusing them. */
    private void relayCommands(Socket client, Socket imap) {
      try (InputStream in = client.getInputStream(); OutputStream out = imap.getOutputStream()) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
          line.write(b);
          if (b != '\n') {
            continue;
          }
          String command = line.toString(StandardCharsets.US_ASCII);
          line.reset();
          if (command.matches("(?s)[A-Z]+\\d+ (UID )?FETCH .*")) {
            fetches.incrementAndGet();
          }
          Matcher chunk = CHUNK.matcher(command);
          if (refuseChunks && chunk.matches()) {
            refused.incrementAndGet();
            OutputStream toClient = client.getOutputStream();
            toClient.write((chunk.group(1) + " NO [SERVERBUG] refused by the test relay\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            toClient.flush();
          } else {
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
        }
      } catch (IOException e) {
        // the other side closed
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
