package io.claimdesk.web.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Caps the requests of one client address that hold a server thread at once; one more is refused with 429 at
 * once, its body unread and its connection closed, so that slow clients of one address cannot take the whole
 * thread pool. Jetty 11's {@code ThreadLimitHandler} would queue instead, but in 11.0.25 it registers a request
 * listener on the servlet context for every request, which a started context refuses (every request fails).
 * The peer's address is used, never a forwarded header a client could write.
 */
final class PerAddressLimit extends HandlerWrapper {
  private final int limit;
  private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

  PerAddressLimit(int limit) {
    this.limit = limit;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    InetSocketAddress remote = base.getHttpChannel().getRemoteAddress();
    String address = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    if (address == null) {
      super.handle(target, base, request, response);
      return;
    }
    AtomicInteger count = running.computeIfAbsent(address, a -> new AtomicInteger());
    try {
      if (count.incrementAndGet() > limit) {
        base.setHandled(true);
        response.setStatus(429);
        response.setHeader("Retry-After", "1");
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(Map.of("error",
            "Too many requests at once from " + address + ": at most " + limit + " run at a time")));
        return;
      }
      super.handle(target, base, request, response);
    } finally {
      // an address without requests is forgotten, so the map only holds addresses being served
      if (count.decrementAndGet() == 0) {
        running.remove(address, count);
      }
    }
  }

  /** Requests of an address running now, for tests. */
  int running(String address) {
    AtomicInteger count = running.get(address);
    return count == null ? 0 : count.get();
  }
}
