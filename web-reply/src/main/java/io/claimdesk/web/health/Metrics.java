package io.claimdesk.web.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The values {@code GET /metrics} shows, in Prometheus' text format (version 0.0.4). Modules register readers of
 * their own counters; a value is read when it is scraped, so nothing is kept twice. Thread-safe.
 */
public final class Metrics {
  /** A Prometheus metric type. */
  public enum Type {
    COUNTER,
    GAUGE
  }

  private record Series(Map<String, String> labels, Supplier<? extends Number> value) {}

  private record Family(String help, Type type, List<Series> series) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** Registers one series of a metric; every series of one name must agree on help and type. */
  public synchronized void register(String name, String help, Type type, Map<String, String> labels,
      Supplier<? extends Number> value) {
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("not a Prometheus metric name: " + name);
    }
    Family family = families.computeIfAbsent(name, n -> new Family(help, type, new ArrayList<>()));
    if (family.type() != type) {
      throw new IllegalArgumentException(name + " is already registered as a " + family.type());
    }
    family.series().add(new Series(Map.copyOf(labels), value));
  }

  /** Every metric as Prometheus text; a reader that fails leaves its series out rather than failing the scrape. */
  public synchronized String render() {
    StringBuilder out = new StringBuilder();
    families.forEach((name, family) -> {
      out.append("# HELP ").append(name).append(' ').append(family.help().replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
      out.append("# TYPE ").append(name).append(' ').append(family.type().name().toLowerCase()).append('\n');
      for (Series series : family.series()) {
        Number value;
        try {
          value = series.value().get();
        } catch (RuntimeException e) {
          continue;
        }
        out.append(name).append(labels(series.labels())).append(' ').append(value).append('\n');
      }
    });
    return out.toString();
  }

  private static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("{");
    labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(label -> {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(label.getKey()).append("=\"").append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
          .replace("\n", "\\n")).append('"');
    });
    return out.append('}').toString();
  }
}
