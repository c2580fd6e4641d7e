package io.claimdesk.mail.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.core.ticket.ThreadMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mail that is small but has thousands of parts, or big in its HTML, posted to the raw webhook: kept, cheaply. */
class OddMailWebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MB = 1024 * 1024;
  private final IngestServer server = new IngestServer((app, pipeline, stores) -> IngestRoutes.install(app, pipeline,
      new IngestRoutes.Credentials(IngestServer.TOKEN, null, null, null), stores.webhookTokens(),
      java.time.Clock.systemUTC()));

  @AfterEach
  void close() {
    server.close();
  }

  private HttpResponse<String> postRaw(byte[] mail) {
    return server.post("/api/ingest/raw", BodyPublishers.ofByteArray(mail), "Content-Type", "message/rfc822",
        "Authorization", "Bearer " + IngestServer.TOKEN);
  }

  /** About 1 MB: 10,000 one-byte attachments. */
  private static byte[] tenThousandParts(String id) {
    StringBuilder mail = new StringBuilder("From: parts@example.org\r\nTo: support@example.com\r\nSubject: parts\r\n"
        + "Message-ID: <" + id + "@example.org>\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\nten thousand files\r\n");
    for (int i = 0; i < 10_000; i++) {
      mail.append("--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"f")
          .append(i).append(".bin\"\r\n\r\nx\r\n");
    }
    return mail.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aMailOfTenThousandPartsShouldBeStoredInBoundedTimeAndMemoryWithItsRawSource() throws Exception {
    byte[] raw = tenThousandParts("parts-1");
    Sampler heap = new Sampler();
    long start = System.nanoTime();
    HttpResponse<String> response = postRaw(raw);
    double seconds = (System.nanoTime() - start) / 1e9;
    long growth = heap.stop();
    System.out.printf("10,000 parts, %d bytes: %d in %.1f s, live heap after GC peak +%d MB, in use peak +%d MB%n",
        raw.length, response.statusCode(), seconds, growth / MB, heap.peakUsed() / MB);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode stored = JSON.readTree(response.body());
    List<ThreadMessage> messages = server.stores.tickets().messages(stored.path("threadId").asText());
    assertThat(messages).singleElement().satisfies(m -> {
      assertThat(m.text()).startsWith("ten thousand files").contains("original-message.eml");
      // the first 1,000 parts: the mail, its text, 998 files; then the raw source, all of it
      assertThat(m.attachments()).hasSize(999);
      ThreadMessage.Attachment source = m.attachments().get(998);
      assertThat(source.filename()).isEqualTo("original-message.eml");
      assertThat(source.size()).isEqualTo(raw.length);
      assertThat(server.stores.attachments().open(source.storageId()).orElseThrow().readAllBytes()).isEqualTo(raw);
    });
    assertThat(seconds).isLessThan(10);
    assertThat(growth).as("live heap growth").isLessThan(100 * MB);
  }

  @Test
  void eightMailsOfTenThousandPartsAtOnceShouldStayBounded() throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(8);
    Sampler heap = new Sampler();
    long start = System.nanoTime();
    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] raw = tenThousandParts("parts-at-once-" + i);
      responses.add(senders.submit(() -> postRaw(raw)));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<HttpResponse<String>> response : responses) {
      statuses.add(response.get(120, TimeUnit.SECONDS).statusCode());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long growth = heap.stop();
    senders.shutdown();
    System.out.printf("8 x 10,000 parts at once: %s in %.1f s, live heap after GC peak +%d MB, in use peak +%d MB%n",
        statuses, seconds, growth / MB, heap.peakUsed() / MB);

    assertThat(statuses).containsOnly(202);
    assertThat(server.stores.tickets().count()).isEqualTo(8);
    assertThat(seconds).isLessThan(40);
    assertThat(growth).as("live heap growth").isLessThan(200 * MB);
  }

  @Test
  void aMailOfTwentyHtmlPartsOf2Point4MegabytesShouldBeStoredWithTheHtmlAsAttachments() throws Exception {
    StringBuilder mail = new StringBuilder("From: html@example.org\r\nTo: support@example.com\r\nSubject: html\r\n"
        + "Message-ID: <html-48@example.org>\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
    String paragraph = "<p>" + "word ".repeat(19) + "</p>\r\n"; // 104 bytes
    int perPart = (int) (2.4 * MB);
    for (int i = 0; i < 20; i++) {
      mail.append("--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<div>part ").append(i).append("</div>\r\n");
      mail.append(paragraph.repeat(perPart / paragraph.length())).append("\r\n");
    }
    byte[] raw = mail.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);

    HttpResponse<String> response = postRaw(raw);
    System.out.printf("20 HTML parts, %d bytes: %d %s%n", raw.length, response.statusCode(),
        response.body().length() > 300 ? response.body().substring(0, 300) : response.body());

    assertThat(raw.length).isGreaterThan(48_000_000);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode stored = JSON.readTree(response.body());
    assertThat(stored.path("created").asBoolean()).isTrue();
    List<ThreadMessage> messages = server.stores.tickets().messages(stored.path("threadId").asText());
    assertThat(messages).singleElement().satisfies(m -> {
      assertThat(m.html()).startsWith("<div>part 0</div>").hasSizeLessThanOrEqualTo(2 * 1024 * 1024 + 100);
      assertThat(m.text()).hasSizeLessThanOrEqualTo(2 * 1024 * 1024 + 100);
      assertThat(m.attachments()).hasSize(20);
      assertThat(m.attachments().get(0).filename()).isEqualTo("full-message.html");
      assertThat(m.attachments().get(19).filename()).endsWith(".html").startsWith("message-part-");
      assertThat(m.attachments()).allSatisfy(a -> {
        assertThat(a.storageId()).isNotNull();
        assertThat(a.size()).isGreaterThan(perPart - 200);
      });
      try {
        String last = new String(server.stores.attachments().open(m.attachments().get(19).storageId())
            .orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last).startsWith("<div>part 19</div>");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(server.stores.quarantine().count()).isZero();
  }

  @Test
  void aMailTheDatabaseCannotHoldShouldBeQuarantinedWithItsRawSourceNot500() throws Exception {
    // 900 attachments named with 20,000 characters each: 18 MB of names, over the 16 MB a message document holds
    StringBuilder mail = new StringBuilder("From: names@example.org\r\nTo: support@example.com\r\nSubject: names\r\n"
        + "Message-ID: <names@example.org>\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
    for (int i = 0; i < 900; i++) {
      mail.append("--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"")
          .append(String.format("%05d", i)).append("n".repeat(20_000)).append("\"\r\n\r\nx\r\n");
    }
    byte[] raw = mail.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);

    HttpResponse<String> response = postRaw(raw);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("quarantined").asBoolean()).isTrue();
    assertThat(body.path("error").asText()).startsWith("cannot store the parsed mail: ");
    assertThat(server.stores.quarantine().recent(1)).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(body.path("quarantineId").asText());
      assertThat(e.size()).isEqualTo(raw.length);
    });
  }

  /**
   * Heap sampled every 10 ms: {@link #stop} answers the peak of what the collector found live after its
   * collections, above the start (garbage that a collection frees does not count), and {@link #peakUsed} the
   * peak in use, garbage included, above the start.
   */
  static final class Sampler {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakLive = new AtomicLong();
    private final long baseline;
    private final long baselineLive;
    private final Thread thread;

    Sampler() {
      System.gc();
      baseline = used();
      baselineLive = live();
      peak.set(baseline);
      peakLive.set(baselineLive);
      thread = new Thread(() -> {
        while (running.get()) {
          peak.accumulateAndGet(used(), Math::max);
          peakLive.accumulateAndGet(live(), Math::max);
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      thread.start();
    }

    long stop() throws InterruptedException {
      running.set(false);
      thread.join();
      return peakLive.get() - baselineLive;
    }

    long peakUsed() {
      return peak.get() - baseline;
    }

    private static long live() {
      long live = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
          live += pool.getCollectionUsage().getUsed();
        }
      }
      return live;
    }

    private static long used() {
      long used = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          used += pool.getUsage().getUsed();
        }
      }
      return used;
    }
  }
}
