package io.claimdesk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback between claimdesk and the mail server that the bench can cut, as a network outage would:
 * while it is down, open connections are closed and new ones closed as soon as accepted. It lets mail arrive while
 * claimdesk cannot see it, so that the IMAP read is timed as the baseline is, from a connection to a folder that
 * already holds every mail (a server's IDLE would otherwise hand claimdesk the first mails of a COPY still running).
 */
final class OutageProxy implements AutoCloseable {
  private final int targetPort;
  private final ServerSocket listening;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean down;
  private volatile long connectedNanos;

  private OutageProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "bench-outage-proxy");
    this.acceptor.setDaemon(true);
  }

  static OutageProxy start(int targetPort) throws IOException {
    OutageProxy proxy = new OutageProxy(targetPort);
    proxy.acceptor.start();
    return proxy;
  }

  int port() {
    return listening.getLocalPort();
  }

  /** Closes every connection and refuses new ones until {@link #up}. */
  void down() throws IOException {
    down = true;
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** Relays again; {@link #connectedSince} then tells when the first connection after it was accepted. */
  void up() {
    connectedNanos = 0;
    down = false;
  }

  /** {@link System#nanoTime} of the first connection accepted since {@link #up}, or 0 before one is. */
  long connectedSince() {
    return connectedNanos;
  }

  private void accept() {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        if (down) {
          client.close();
          continue;
        }
        if (connectedNanos == 0) {
          connectedNanos = System.nanoTime();
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        open.add(client);
        open.add(server);
        if (down) { // the outage began while this one was being connected
          close(client);
          close(server);
          continue;
        }
        relay(client, server);
        relay(server, client);
      } catch (IOException e) {
        if (!listening.isClosed()) {
          System.err.println("outage proxy: " + e);
        }
      }
    }
  }

  private void relay(Socket from, Socket to) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // the other side closed, or the outage began: either way this direction is over
      } finally {
        close(from);
        close(to);
      }
    }, "bench-outage-relay");
    pump.setDaemon(true);
    pump.start();
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listening.close();
    down();
  }
}
