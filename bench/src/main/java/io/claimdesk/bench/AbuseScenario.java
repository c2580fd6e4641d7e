package io.claimdesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario {@code abuse}: the black-box probes of the hardening issue, run one after another against the claimdesk
 * jar in a child process on loopback. For each probe: the child's RSS before and at its peak, {@code /healthz}
 * latency measured meanwhile, what the probe saw, and whether the server still answers afterwards. The child is
 * started again (on a fresh database) after a probe that leaves state the next would trip on, and after one that
 * killed it, left it not answering, logged an OutOfMemoryError, was given up at its time limit or grew its RSS.
 * Reports whatever the jar does; fixing it is not the bench's business.
 */
final class AbuseScenario {
  private static final Duration ANSWER_AFTER = Duration.ofSeconds(10);
  private static final long RSS_GROWTH_MB = 100;

  private AbuseScenario() {}

  /** The secrets the child is started with, made up for each run. */
  record Credentials(String ingestToken, String mailgunKey, String postmarkUser, String postmarkPassword,
      String adminEmail, String adminPassword) {
    static Credentials random() {
      return new Credentials(hex(16), "key-" + hex(16), "inbound-" + hex(4), hex(16), "admin@example.com", hex(12));
    }

    Map<String, String> env() {
      return Map.of("INGEST_TOKEN", ingestToken, "MAILGUN_SIGNING_KEY", mailgunKey, "POSTMARK_INBOUND_USER",
          postmarkUser, "POSTMARK_INBOUND_PASSWORD", postmarkPassword, "ADMIN_EMAIL", adminEmail, "ADMIN_PASSWORD",
          adminPassword);
    }

    private static String hex(int bytes) {
      byte[] random = new byte[bytes];
      new SecureRandom().nextBytes(random);
      return HexFormat.of().formatHex(random);
    }
  }

  /** The running child and its secrets, as a probe sees them. */
  record Target(ChildProcess child, Credentials credentials) {
    int port() {
      return child.port();
    }
  }

  /** What a probe sent and what came of it, in words for the table. */
  record Outcome(String sent, String outcome) {}

  interface Probe {
    Outcome run(Target target) throws Exception;
  }

  /** A probe and, when it leaves state that would distort the next one, what that state is. */
  record Entry(Probe probe, String leavesState) {}

  static Map<String, Entry> probes() {
    Map<String, Entry> all = new LinkedHashMap<>();
    all.put("chunked", new Entry(AbuseStreamProbes::chunked, null));
    all.put("slow", new Entry(AbuseStreamProbes::slow, null));
    all.put("guess", new Entry(AbuseLoginProbes::guess, "failed sign-ins recorded for the admin"));
    all.put("lockout", new Entry(AbuseLoginProbes::lockout, "failed sign-ins recorded for the admin"));
    all.put("mailgun", new Entry(AbuseStreamProbes::mailgun, null));
    all.put("parts", new Entry(AbuseMailProbes::parts, null));
    all.put("html", new Entry(AbuseMailProbes::html, null));
    all.put("embedded", new Entry(AbuseMailProbes::embedded, null));
    all.put("errors", new Entry(AbuseLoginProbes::errors, null));
    return all;
  }

  static void run(Path jar, String xmx, List<String> names) throws Exception {
    Map<String, Entry> all = probes();
    for (String name : names) {
      if (!all.containsKey(name)) {
        throw new IllegalArgumentException("unknown probe " + name + "; probes: " + String.join(",", all.keySet()));
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("no jar at " + jar + ": build it with ./mvnw -B -o -q -DskipTests package "
          + "-pl app,bench -am");
    }
    long runStart = System.nanoTime();
    Path scratch = ScratchDir.create("claimdesk-abuse-");
    Credentials credentials = Credentials.random();
    System.out.printf("%nscenario abuse: jar %s (%d bytes, modified %s), child java -Xmx%s, %d processors, JDK %s, "
        + "%s%n", jar, Files.size(jar), Files.getLastModifiedTime(jar).toInstant(), xmx,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Instant.now());
    int starts = 0;
    ChildProcess child = ChildProcess.start(jar, xmx, scratch.resolve("child-" + ++starts), credentials.env());
    List<String> rows = new ArrayList<>();
    try {
      for (String name : names) {
        Entry entry = all.get(name);
        System.out.printf("probe %s (child pid %d, port %d)...%n", name, child.pid(), child.port());
        long outOfMemoryBefore = child.outOfMemoryLines();
        ProbeMonitor monitor = ProbeMonitor.start(child);
        long start = System.nanoTime();
        Outcome outcome;
        try {
          outcome = entry.probe().run(new Target(child, credentials));
        } catch (Exception e) {
          outcome = new Outcome("(probe did not finish)", "bench error: " + e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ProbeMonitor.Result watched = monitor.stop();
        String after = answeringAfter(child);
        long outOfMemory = child.outOfMemoryLines() - outOfMemoryBefore;
        if (outOfMemory > 0) {
          outcome = new Outcome(outcome.sent(), outcome.outcome() + "; claimdesk's log: " + outOfMemory
              + " line(s) with OutOfMemoryError");
        }
        String restart = !child.alive() ? "died" : !after.startsWith("yes") ? "not answering"
            : outOfMemory > 0 ? "OutOfMemoryError logged: its threads' state is unknown"
            : outcome.outcome().contains(RawHttp.TIME_LIMIT) ? "requests given up at the time limit may still run"
            : grown(child, watched) ? "RSS stays " + child.rssKb() / 1024 + " MB: the next peak would hide in it"
            : entry.leavesState();
        boolean last = names.indexOf(name) == names.size() - 1;
        rows.add(row(name, outcome, watched, after, seconds,
            last ? "stopped (last probe)" : restart == null ? "kept" : "restarted (" + restart + ")"));
        System.out.println(rows.get(rows.size() - 1));
        if (restart != null && !last) {
          child.close();
          child = ChildProcess.start(jar, xmx, scratch.resolve("child-" + ++starts), credentials.env());
        }
      }
    } finally {
      child.close();
    }
    System.out.printf("%n| probe | sent | outcome | seconds | RSS before → peak | /healthz p50 / p95 / max ms "
        + "(failed) | answering after | then |%n|---|---|---|---:|---|---|---|---|%n");
    rows.forEach(System.out::println);
    System.out.printf("%n%d probes in %.0f s; claimdesk started %d times%n", rows.size(),
        (System.nanoTime() - runStart) / 1e9, starts);
  }

  /**
   * Whether the probe left the child's RSS more than {@value #RSS_GROWTH_MB} MB above where it started: the JVM
   * keeps the heap it grew, so the next probe's peak would not show.
   */
  private static boolean grown(ChildProcess child, ProbeMonitor.Result watched) {
    return child.rssKb() / 1024 - watched.rssBeforeMb() > RSS_GROWTH_MB;
  }

  /** Whether /healthz answers 200 within 10 s of the probe's end, trying every 200 ms; or how the child died. */
  private static String answeringAfter(ChildProcess child) throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < ANSWER_AFTER.toNanos()) {
      if (!child.alive()) {
        return "no: exited with " + child.exitCode();
      }
      if (child.healthy(Duration.ofSeconds(2))) {
        return String.format("yes (%.1f s)", (System.nanoTime() - start) / 1e9);
      }
      Thread.sleep(200);
    }
    return "no: /healthz not answering for 10 s";
  }

  private static String row(String name, Outcome outcome, ProbeMonitor.Result watched, String after, double seconds,
      String then) {
    Latencies health = watched.health();
    String healthText = health.count() == 0 ? "none" : String.format("%.0f / %.0f / %.0f (%d of %d)",
        health.percentileMillis(50), health.percentileMillis(95), health.percentileMillis(100),
        watched.healthFailures(), health.count());
    return String.format("| %s | %s | %s | %.1f | %d → %d MB | %s | %s | %s |", name, outcome.sent(),
        outcome.outcome(), seconds, watched.rssBeforeMb(), watched.rssPeakMb(), healthText, after,
        then);
  }
}
