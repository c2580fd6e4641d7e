package io.claimdesk.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code java -jar bench/target/claimdesk-bench.jar <scenario> [--name value ...]}. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      return;
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        usage();
        return;
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    switch (args[0]) {
      case "claim" -> ClaimScenario.run(
          Integer.parseInt(options.getOrDefault("tickets", "10000")),
          Integer.parseInt(options.getOrDefault("clients", "16")),
          options.getOrDefault("storage", "h2"));
      case "queues" -> QueueScenario.run(
          Integer.parseInt(options.getOrDefault("tickets", "10000")),
          Integer.parseInt(options.getOrDefault("clients", "8")));
      case "ingest" -> {
        int imap = Integer.parseInt(options.getOrDefault("imap", "5000"));
        IngestScenario.run(imap, Integer.parseInt(options.getOrDefault("imap-warmup", Integer.toString(imap))),
            Integer.parseInt(options.getOrDefault("webhook", "5000")),
            Integer.parseInt(options.getOrDefault("warmup", "30000")),
            Integer.parseInt(options.getOrDefault("clients", "8")));
      }
      case "dashboard" -> DashboardScenario.run(
          java.util.Arrays.stream(options.getOrDefault("tickets", "10000,100000").split(","))
              .map(String::trim).map(Integer::valueOf).toList(),
          Integer.parseInt(options.getOrDefault("clients", "8")));
      case "slack" -> SlackScenario.run(
          Integer.parseInt(options.getOrDefault("tickets", "100")),
          Integer.parseInt(options.getOrDefault("actions", "300")),
          Integer.parseInt(options.getOrDefault("seconds", "10")));
      case "voice" -> VoiceScenario.run(
          Integer.parseInt(options.getOrDefault("contacts", "10000")),
          Integer.parseInt(options.getOrDefault("tickets", "2000")),
          Integer.parseInt(options.getOrDefault("clients", "8")),
          Integer.parseInt(options.getOrDefault("calls", "2000")),
          Integer.parseInt(options.getOrDefault("warmup", "30000")));
      case "discord" -> DiscordScenario.run(
          Integer.parseInt(options.getOrDefault("tickets", "100")),
          Integer.parseInt(options.getOrDefault("actions", "300")),
          Integer.parseInt(options.getOrDefault("seconds", "10")));
      case "assign" -> AssignScenario.run(
          Integer.parseInt(options.getOrDefault("tickets", Integer.toString(Integer.getInteger("assign.tickets",
              10_000)))),
          Integer.parseInt(options.getOrDefault("members", "20")),
          Integer.parseInt(options.getOrDefault("rate", "50")),
          Integer.parseInt(options.getOrDefault("poll-ms", "50")),
          Integer.parseInt(options.getOrDefault("warmup", "500")));
      case "search" -> SearchScenario.run(
          Integer.parseInt(options.getOrDefault("tickets", "10000")),
          Integer.parseInt(options.getOrDefault("messages", "30000")),
          Integer.parseInt(options.getOrDefault("clients", "4")),
          Integer.parseInt(options.getOrDefault("calls", "400")));
      case "abuse" -> AbuseScenario.run(java.nio.file.Path.of(options.getOrDefault("jar", "app/target/claimdesk.jar")),
          options.getOrDefault("xmx", "512m"), java.util.Arrays.stream(options.getOrDefault("probes",
              String.join(",", AbuseScenario.probes().keySet())).split(",")).map(String::trim).toList());
      default -> usage();
    }
    System.exit(0);
  }

  private static void usage() {
    System.err.println("usage: java -jar bench/target/claimdesk-bench.jar claim [--tickets 10000] [--clients 16]"
        + " [--storage h2|memory]\n       java -jar bench/target/claimdesk-bench.jar queues [--tickets 10000]"
        + " [--clients 8]\n       java -jar bench/target/claimdesk-bench.jar ingest [--imap 5000]"
        + " [--imap-warmup 5000] [--webhook 5000] [--warmup 30000] [--clients 8]"
        + "\n       java -jar bench/target/claimdesk-bench.jar dashboard"
        + " [--tickets 10000,100000] [--clients 8]\n       java -jar bench/target/claimdesk-bench.jar slack"
        + " [--tickets 100] [--actions 300] [--seconds 10]\n       java -jar bench/target/claimdesk-bench.jar voice"
        + " [--contacts 10000] [--tickets 2000] [--clients 8] [--calls 2000] [--warmup 30000]"
        + "\n       java -jar bench/target/claimdesk-bench.jar discord"
        + " [--tickets 100] [--actions 300] [--seconds 10]\n       java [-Dassign.tickets=10000] -jar"
        + " bench/target/claimdesk-bench.jar assign [--tickets 10000] [--members 20] [--rate 50] [--poll-ms 50]"
        + " [--warmup 500]\n       java -jar bench/target/claimdesk-bench.jar search"
        + " [--tickets 10000] [--messages 30000] [--clients 4] [--calls 400]"
        + "\n       java -jar bench/target/claimdesk-bench.jar abuse"
        + " [--jar app/target/claimdesk.jar] [--xmx 512m]"
        + " [--probes chunked,slow,guess,lockout,mailgun,parts,html,embedded,errors]");
    System.exit(2);
  }
}
