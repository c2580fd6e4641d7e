package io.claimdesk.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.claimdesk.web.ApiFixture.WebResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 requests sent from a chosen loopback address (127.0.0.2, 127.0.0.3 …): to the server, another client
 * with its own address, as a second machine would be. The JDK's HttpClient cannot choose its local address in 17.
 */
final class FromAddress {
  private FromAddress() {}

  static WebResponse post(String localAddress, int port, String path, Map<String, String> headers, String body) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      byte[] content = body.getBytes(UTF_8);
      StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static WebResponse parse(byte[] raw) {
    String text = new String(raw, ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
        .anyMatch(v -> v.equalsIgnoreCase("chunked"));
    return new WebResponse(status, new String(chunked ? unchunked(body) : body, UTF_8),
        HttpHeaders.of(headers, (n, v) -> true));
  }

  private static byte[] unchunked(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOfCrlf(body, at);
      int size = Integer.parseInt(new String(body, at, lineEnd - at, ISO_8859_1).split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(body, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length - 1; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("no end of chunk size line");
  }
}
