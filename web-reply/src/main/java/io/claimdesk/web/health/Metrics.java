package io.claimdesk.web.health;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} shows: a Micrometer registry rendered in Prometheus' text format, with the JVM's own
 * meters. Modules register readers of their own counters ({@link #register}), read when scraped, so nothing is kept
 * twice, or use {@link #registry()} for timers and histograms.
 */
public final class Metrics {
  /** A Prometheus metric type. */
  public enum Type {
    COUNTER,
    GAUGE
  }

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Supplier<? extends Number>> readers = new CopyOnWriteArrayList<>();

  public Metrics() {
    // promtool's lint refuses these two of ProcessorMetrics' names ("_ns" is an abbreviated unit, "_count" belongs
    // to histograms); process_cpu_usage and system_cpu_usage say the same in a form it accepts
    registry.config().meterFilter(MeterFilter.deny(id ->
        id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * Registers one series read when scraped; {@code name} is the Prometheus name (a counter's ends in
   * {@code _total}). A reader that throws shows as NaN rather than failing the scrape.
   */
  public void register(String name, String help, Type type, Map<String, String> labels,
      Supplier<? extends Number> value) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a Prometheus metric name: " + name);
    }
    readers.add(value); // Micrometer holds the object of a gauge or function counter weakly; nothing else holds these
    Tags tags = Tags.empty();
    for (Map.Entry<String, String> label : labels.entrySet()) {
      tags = tags.and(label.getKey(), label.getValue());
    }
    if (type == Type.COUNTER) {
      if (!name.endsWith("_total")) {
        throw new IllegalArgumentException("a counter's name ends in _total: " + name);
      }
      FunctionCounter.builder(name.substring(0, name.length() - "_total".length()), value,
          v -> v.get().doubleValue()).description(help).tags(tags).register(registry);
    } else {
      Gauge.builder(name, value, v -> v.get().doubleValue()).description(help).tags(tags).register(registry);
    }
  }

  /** The registry, for meters that are more than a number read at scrape time. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter as Prometheus text (format 0.0.4). */
  public String render() {
    return registry.scrape();
  }
}
