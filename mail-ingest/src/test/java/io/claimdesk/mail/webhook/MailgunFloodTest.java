package io.claimdesk.mail.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Big Mailgun posts cost bytes on disk for a while, never the heap, and a flood of forged ones is cheap. */
class MailgunFloodTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "mailgun-signing-key-for-tests";
  private static final long MB = 1024 * 1024;
  private final IngestServer server = new IngestServer((app, pipeline, stores) -> IngestRoutes.install(app, pipeline,
      new IngestRoutes.Credentials(null, KEY, null, null), stores.webhookTokens(), Clock.systemUTC()));

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void fortyConcurrentForgedPostsOf49MegabytesShouldAllBeRefusedWithBoundedHeapAndAQuickHealthCheck()
      throws Exception {
    long spooledBefore = spooled();
    String now = Long.toString(Instant.now().getEpochSecond());
    server.get("/healthz", "none"); // the client's first connection is not the server's latency
    System.gc();
    long baseline = heapUsed();
    AtomicLong peak = new AtomicLong(baseline);
    AtomicBoolean flooding = new AtomicBoolean(true);
    List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
    Thread sampler = new Thread(() -> {
      while (flooding.get()) {
        peak.accumulateAndGet(heapUsed(), Math::max);
        long start = System.nanoTime();
        HttpResponse<String> health = server.get("/healthz", "none");
        healthMillis.add(health.statusCode() == 200 ? (System.nanoTime() - start) / 1_000_000 : Long.MAX_VALUE);
        sleep(5);
      }
    });
    ExecutorService clients = Executors.newFixedThreadPool(40);
    long start = System.nanoTime();
    sampler.start();
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // half send the signature fields first (refused before the mail is read), half after the mail
      MailgunPost post = new MailgunPost(now, "forged-" + i, "00".repeat(32), 49 * MB, i % 2 == 0);
      statuses.add(clients.submit(() -> post.send(server.app.port())));
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> status : statuses) {
      codes.add(status.get(180, TimeUnit.SECONDS));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    flooding.set(false);
    sampler.join();
    clients.shutdown();

    List<Long> sorted = new ArrayList<>(healthMillis);
    Collections.sort(sorted);
    long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
    long growth = peak.get() - baseline;
    System.out.printf("flood: %s in %.1f s; heap growth peak %d MB; /healthz %d calls, p95 %d ms, max %d ms%n",
        codes, seconds, growth / MB, sorted.size(), p95, sorted.get(sorted.size() - 1));
    assertThat(codes).allMatch(code -> code == 401 || code == 503);
    assertThat(codes).contains(401, 503);
    assertThat(growth).as("heap growth during the flood").isLessThan(200 * MB);
    assertThat(p95).as("/healthz p95 in ms").isLessThan(200);
    assertThat(server.stores.tickets().count()).isZero();
    assertThat(spooled()).as("no temporary file left behind").isEqualTo(spooledBefore);
  }

  @Test
  void aSignedThirtyMegabytePostShouldBeStoredThroughTheStream() throws Exception {
    long spooledBefore = spooled();
    long now = Instant.now().getEpochSecond();
    String token = "token-30mb";
    MailgunPost post = new MailgunPost(Long.toString(now), token, MailgunSignature.sign(KEY, now + token), 30 * MB,
        false);

    int status = post.send(server.app.port());

    assertThat(status).isEqualTo(202);
    assertThat(server.stores.tickets().count()).isEqualTo(1);
    String threadId = server.stores.tickets().unassigned(1).get(0).id();
    assertThat(server.stores.tickets().messages(threadId)).singleElement().satisfies(m -> {
      assertThat(m.text()).startsWith("abcdefghijklmnopqrstuvwxyz");
      // the text is cut at 2 MB on the message and kept whole (30 MB less the headers) as an attachment
      assertThat(m.attachments()).singleElement().satisfies(a -> {
        assertThat(a.filename()).isEqualTo("full-message.txt");
        assertThat(a.storageId()).isNotNull();
        assertThat(a.size()).isGreaterThan(30 * MB - 100);
      });
    });
    assertThat(spooled()).as("no temporary file left behind").isEqualTo(spooledBefore);
  }

  @Test
  void malformedMultipartShouldBe400WithAClearMessage() throws Exception {
    HttpResponse<String> garbage = post("multipart/form-data; boundary=xyz", "this is no multipart body at all");
    HttpResponse<String> noBoundary = post("multipart/form-data", "--xyz\r\n\r\n--xyz--\r\n");
    HttpResponse<String> nameless = post("multipart/form-data; boundary=xyz",
        "--xyz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--xyz--\r\n");
    HttpResponse<String> badForm = post("application/x-www-form-urlencoded", "timestamp=1%G2&token=t");

    assertThat(garbage.statusCode()).as(garbage.body()).isEqualTo(400);
    assertThat(error(garbage)).isEqualTo("Malformed multipart body: it ends before its closing boundary");
    assertThat(noBoundary.statusCode()).isEqualTo(400);
    assertThat(error(noBoundary)).isEqualTo("Malformed multipart body: Content-Type has no boundary");
    assertThat(nameless.statusCode()).isEqualTo(400);
    assertThat(error(nameless)).isEqualTo("Malformed multipart body: a part has no form-data name");
    assertThat(badForm.statusCode()).isEqualTo(400);
    assertThat(error(badForm)).isEqualTo("Malformed form body: bad %-escape");
  }

  private HttpResponse<String> post(String contentType, String body) {
    return server.post("/api/ingest/mailgun", BodyPublishers.ofString(body), "Content-Type", contentType);
  }

  private static String error(HttpResponse<String> response) throws IOException {
    JsonNode json = JSON.readTree(response.body());
    return json.path("error").asText();
  }

  private static long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The temporary files of posted mails in the temporary directory. */
  static long spooled() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("claimdesk-mail-")).count();
    }
  }
}
