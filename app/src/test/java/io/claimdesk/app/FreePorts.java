package io.claimdesk.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free loopback ports for the tests that start several servers, never the same one twice in a JVM: a port found
 * free and let go can be found free again by the next search, before anything has bound it, and a test that puts
 * the embedded database and the web server on two such ports then fails with "Address already in use" (CI saw it
 * in DiscordTakeoverIT).
 */
final class FreePorts {
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port nothing listens on now, and that this JVM has not handed out before. */
  static int next() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
  }
}
