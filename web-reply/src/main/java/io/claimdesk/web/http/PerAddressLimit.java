package io.claimdesk.web.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Caps the requests of one client address that hold a server thread at once. One more waits suspended, holding
 * its connection but no thread, and runs when one of its address's requests ends; one that waits longer than
 * {@code maxWaitMillis} is answered 429. So slow clients of one address cannot take the whole thread pool, and
 * many quick requests of one address (a team behind one NAT) are only delayed. This is Jetty's
 * {@code ThreadLimitHandler}, which 11.0.25 breaks: it registers a request listener on the servlet context for
 * every request, which a started context refuses, so every request failed. The peer's address is used, never a
 * forwarded header a client could write.
 */
final class PerAddressLimit extends HandlerWrapper {
  private static final String PERMIT = PerAddressLimit.class.getName() + ".permit";
  private final int limit;
  private final long maxWaitMillis;
  private final Map<String, Remote> remotes = new ConcurrentHashMap<>();

  PerAddressLimit(int limit, long maxWaitMillis) {
    this.limit = limit;
    this.maxWaitMillis = maxWaitMillis;
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    Remote remote = (Remote) base.getAttribute(PERMIT);
    if (remote != null && base.getDispatcherType() == DispatcherType.ASYNC) {
      base.removeAttribute(PERMIT); // let out of the queue with its address's permit
    } else {
      InetSocketAddress peer = base.getHttpChannel().getRemoteAddress();
      if (peer == null || peer.getAddress() == null) {
        super.handle(target, base, request, response);
        return;
      }
      Boolean runs;
      do { // a Remote found just as its last request ended is retired: look again
        remote = remotes.computeIfAbsent(peer.getAddress().getHostAddress(), Remote::new);
        runs = remote.acquire(base);
      } while (runs == null);
      if (!runs) {
        return; // suspended until a permit is handed over, or answered 429
      }
    }
    try {
      super.handle(target, base, request, response);
    } finally {
      remote.release();
    }
  }

  /** One address: its running requests and the ones waiting for a permit. */
  private final class Remote {
    private final String address;
    private final Queue<Waiter> waiting = new ArrayDeque<>();
    private int running;
    private boolean retired;

    Remote(String address) {
      this.address = address;
    }

    /** True with a permit, false when the request is suspended in the queue, null when this Remote is retired. */
    synchronized Boolean acquire(Request base) {
      if (retired) {
        return null;
      }
      if (running < limit) {
        running++;
        return true;
      }
      AsyncContext async = base.startAsync();
      async.setTimeout(maxWaitMillis);
      Waiter waiter = new Waiter(base, async);
      async.addListener(waiter);
      waiting.add(waiter);
      return false;
    }

    /** Hands the permit to the first waiter still waiting, or gives it back. */
    void release() {
      Waiter next;
      synchronized (this) {
        do {
          next = waiting.poll();
        } while (next != null && !next.settled.compareAndSet(false, true));
        if (next == null) {
          running--;
          if (running == 0) {
            retired = true;
            remotes.remove(address, this);
          }
          return;
        }
      }
      next.base.setAttribute(PERMIT, this);
      next.async.dispatch();
    }

    private final class Waiter implements AsyncListener {
      private final Request base;
      private final AsyncContext async;
      private final AtomicBoolean settled = new AtomicBoolean();

      Waiter(Request base, AsyncContext async) {
        this.base = base;
        this.async = async;
      }

      @Override
      public void onTimeout(AsyncEvent event) throws IOException {
        if (!settled.compareAndSet(false, true)) {
          return; // a permit came first and the request runs
        }
        synchronized (Remote.this) {
          waiting.remove(this);
        }
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        response.setStatus(429);
        response.setHeader("Retry-After", "1");
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(Map.of("error", "Too many requests at once"
            + " from " + address + ": at most " + limit + " run at a time, and this one waited too long")));
        async.complete();
      }

      @Override
      public void onComplete(AsyncEvent event) {}

      @Override
      public void onError(AsyncEvent event) {
        if (settled.compareAndSet(false, true)) {
          synchronized (Remote.this) {
            waiting.remove(this);
          }
        }
      }

      @Override
      public void onStartAsync(AsyncEvent event) {}
    }
  }
}
