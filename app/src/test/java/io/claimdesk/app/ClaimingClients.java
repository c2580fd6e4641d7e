package io.claimdesk.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client per ticket claiming and unclaiming it through one instance's API until that instance stops answering,
 * counting the changes acknowledged with a 200; and the count of those changes in a ticket's history, to check
 * after a stop that every acknowledged one was kept.
 */
final class ClaimingClients implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService clients;
  private final List<Future<?>> running = new ArrayList<>();

  ClaimingClients(int port, String token, List<String> tickets) {
    clients = Executors.newFixedThreadPool(tickets.size());
    for (String ticket : tickets) {
      acknowledged.put(ticket, new AtomicInteger());
      running.add(clients.submit(() -> {
        boolean claim = true;
        while (!stop.get()) {
          try {
            HttpResponse<String> response = post(port, claim ? "/api/emails/claim" : "/api/emails/unclaim", token,
                "{\"threadId\":\"" + ticket + "\"}");
            if (response.statusCode() != 200) {
              return;
            }
            acknowledged.get(ticket).incrementAndGet();
            claim = !claim;
          } catch (IOException | InterruptedException stopped) {
            return;
          }
        }
      }));
    }
  }

  int acknowledged(String ticket) {
    return acknowledged.get(ticket).get();
  }

  int total() {
    return acknowledged.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Stops the clients that still run and waits for all. */
  @Override
  public void close() throws Exception {
    stop.set(true);
    for (Future<?> client : running) {
      client.get(30, TimeUnit.SECONDS);
    }
    clients.shutdown();
  }

  /** How many claimed and unclaimed events the ticket's history holds, read through the instance at {@code port}. */
  static long ownerChanges(HttpClient http, int port, String token, String ticket) throws Exception {
    HttpResponse<String> response = http.send(request(port, "/api/emails/tickets/" + ticket, token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET ticket " + ticket + ": " + response.statusCode() + " " + response.body());
    }
    long changes = 0;
    for (JsonNode event : JSON.readTree(response.body()).path("history")) {
      String action = event.path("action").asText();
      changes += action.equals("claimed") || action.equals("unclaimed") ? 1 : 0;
    }
    return changes;
  }

  private HttpResponse<String> post(int port, String path, String token, String json)
      throws IOException, InterruptedException {
    return http.send(request(port, path, token).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(int port, String path, String token) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token);
  }
}
