package io.claimdesk.mail.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An SMTP server on loopback that answers one command with a refusal of our choosing (a sign-in, a recipient, the
 * mail itself), and every other command with success: the refusals a real server gives, without one.
 */
final class ScriptedSmtpPeer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;

  /** {@code refusals}: a command's first word (AUTH, RCPT, DATA) and the reply line that refuses it. */
  ScriptedSmtpPeer(Map<String, String> refusals) throws IOException {
    socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> serve(refusals), "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve(Map<String, String> refusals) {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        write(out, "220 scripted ESMTP");
        boolean data = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (data) {
            if (line.equals(".")) {
              data = false;
              write(out, "250 2.0.0 queued");
            }
            continue;
          }
          String verb = line.split(" ", 2)[0].toUpperCase();
          if (refusals.containsKey(verb)) {
            write(out, refusals.get(verb));
          } else if (verb.equals("EHLO")) {
            write(out, "250-scripted\r\n250 AUTH PLAIN LOGIN");
          } else if (verb.equals("DATA")) {
            data = true;
            write(out, "354 go ahead");
          } else if (verb.equals("QUIT")) {
            write(out, "221 bye");
            break;
          } else if (verb.equals("AUTH")) {
            write(out, "235 2.7.0 accepted");
          } else {
            write(out, "250 OK");
          }
        }
      } catch (IOException e) {
        if (!socket.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
