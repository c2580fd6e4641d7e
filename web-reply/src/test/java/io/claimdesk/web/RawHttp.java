package io.claimdesk.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes as written, for requests no HTTP client would send, and reads the whole answer. */
final class RawHttp {
  private RawHttp() {}

  /** The answer to {@code request} (head and body, exactly as given); the connection closes after it. */
  static String send(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      socket.shutdownOutput();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A request with {@code Connection: close} and a body with its Content-Length. */
  static String request(String method, String path, String contentType, String body, String... headers) {
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body).toString();
  }
}
