package io.claimdesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code POST} that declares a body of {@code Content-Length} bytes and sends it one byte at a time, from a
 * chosen loopback address; it notices when the server answers or closes the connection.
 */
final class SlowRequest implements AutoCloseable {
  private final Socket socket = new Socket();
  private final StringBuilder answer = new StringBuilder();
  private boolean closedByServer;

  SlowRequest(String from, int port, String path, int contentLength) throws IOException {
    socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
        + "\r\nContent-Length: " + contentLength + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
  }

  /** Sends one more byte of the body; false when the connection is gone. */
  boolean trickle() {
    try {
      socket.getOutputStream().write(' ');
      return true;
    } catch (IOException e) {
      closedByServer = true;
      return false;
    }
  }

  /** True once the server has answered to the end or closed the connection; reads without waiting long. */
  boolean closedByServer() {
    if (closedByServer) {
      return true;
    }
    try {
      socket.setSoTimeout(1);
      InputStream in = socket.getInputStream();
      for (int c = in.read(); ; c = in.read()) {
        if (c < 0) {
          closedByServer = true;
          return true;
        }
        answer.append((char) c);
      }
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      closedByServer = true;
      return true;
    }
  }

  /** The status line of the answer, if one came. */
  String status() {
    int end = answer.indexOf("\r\n");
    return end < 0 ? answer.toString() : answer.substring(0, end);
  }

  /** The answer as read so far. */
  String answer() {
    return answer.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
