package io.claimdesk.bench;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * GreenMail in a JVM of its own, as a mail server is its own process: its CPU shows apart from claimdesk's, and
 * the mail it holds is not in claimdesk's heap. Holds N mails twice, in the INBOX of {@code baseline} and in the
 * folder {@code Staging} of {@code support}, and W others in a warm-up folder of {@code support}; prints
 * {@code READY <imap port>}, then runs until its stdin closes.
 */
final class MailServerProcess implements AutoCloseable {
  private final Process process;
  private final int imapPort;

  private MailServerProcess(Process process, int imapPort) {
    this.process = process;
    this.imapPort = imapPort;
  }

  /** {@code warmupRounds} folders named {@code warmup} and a number (1, 2...), each of {@code warmupMails} mails. */
  static MailServerProcess start(int mails, int warmupMails, int warmupRounds, String support, String baseline,
      String password, String staging, String warmup) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        MailServerProcess.class.getName(), Integer.toString(mails), support, baseline, password, staging,
        Integer.toString(warmupMails), warmup, Integer.toString(warmupRounds)));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("READY ")) {
        return new MailServerProcess(process, Integer.parseInt(line.substring(6).trim()));
      }
    }
    process.destroyForcibly();
    throw new IOException("the mail server process ended before it was ready");
  }

  int imapPort() {
    return imapPort;
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public static void main(String[] args) throws Exception {
    int mails = Integer.parseInt(args[0]);
    GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAP}));
    greenMail.start();
    GreenMailUser support = greenMail.setUser(args[1], args[1], args[3]);
    GreenMailUser baseline = greenMail.setUser(args[2], args[2], args[3]);
    MailFolder staging = greenMail.getManagers().getImapHostManager().createMailbox(support, args[4]);
    Session session = Session.getInstance(new Properties());
    for (int n = 0; n < mails; n++) {
      byte[] raw = IngestScenario.mail("imap", n).getBytes(StandardCharsets.UTF_8);
      baseline.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
      staging.store(new MimeMessage(session, new ByteArrayInputStream(raw)));
    }
    for (int round = 1; round <= Integer.parseInt(args[7]); round++) {
      MailFolder warmup = greenMail.getManagers().getImapHostManager().createMailbox(support, args[6] + round);
      for (int n = 0; n < Integer.parseInt(args[5]); n++) {
        byte[] raw = IngestScenario.mail("imapwarm" + round, n).getBytes(StandardCharsets.UTF_8);
        warmup.store(new MimeMessage(session, new ByteArrayInputStream(raw)));
      }
    }
    System.out.println("READY " + greenMail.getImap().getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // until the bench closes the pipe
    }
    greenMail.stop();
  }
}
