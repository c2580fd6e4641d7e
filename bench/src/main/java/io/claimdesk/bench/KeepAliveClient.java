package io.claimdesk.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one kept-alive connection, for load generation: it costs the shared CPU far less
 * than {@code java.net.http.HttpClient}, so the figures describe the server rather than the client. One per
 * client thread; not thread-safe.
 */
final class KeepAliveClient implements AutoCloseable {
  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  record Response(int status, String body) {}

  Response post(String path, String bearer, String json) throws IOException {
    return post(path, "application/json", json, "Authorization: Bearer " + bearer);
  }

  /** A POST of {@code body} as {@code contentType}, with extra header lines (each {@code Name: value}). */
  Response post(String path, String contentType, String body, String... headers) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
        .append(':').append(port).append("\r\nContent-Type: ").append(contentType).append("\r\nContent-Length: ")
        .append(bytes.length).append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("\r\n");
    if (socket == null) {
      connect();
    }
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return read();
  }

  /** A GET with extra header lines (each {@code Name: value}). */
  Response get(String path, String... headers) throws IOException {
    StringBuilder head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':')
        .append(port).append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("\r\n");
    if (socket == null) {
      connect();
    }
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return read();
  }

  /** Opens a fresh connection (the server closes idle ones after 30 s). */
  void reopen() throws IOException {
    close();
    connect();
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  private Response read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.split(" ")[1]);
    int length = -1;
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(header.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
    } else if (length >= 0) {
      body.write(in.readNBytes(length));
    }
    return new Response(code, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    return RawHttp.line(in);
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }
}
