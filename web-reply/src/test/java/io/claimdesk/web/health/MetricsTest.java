package io.claimdesk.web.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void seriesOfOneNameShareTheirHelpAndTypeAndLabelValuesAreEscaped() {
    Metrics metrics = new Metrics();
    metrics.register("claimdesk_chat_posts_total", "Ticket messages posted", Metrics.Type.COUNTER,
        Map.of("target", "slack:C1"), () -> 3);
    metrics.register("claimdesk_chat_posts_total", "Ticket messages posted", Metrics.Type.COUNTER,
        Map.of("target", "odd \"quoted\" \\ target\n"), () -> 4L);
    metrics.register("claimdesk_up", "Up", Metrics.Type.GAUGE, Map.of(), () -> 1);

    String text = metrics.render();
    assertThat(text).containsOnlyOnce("# HELP claimdesk_chat_posts_total Ticket messages posted\n")
        .containsOnlyOnce("# TYPE claimdesk_chat_posts_total counter\n")
        .contains("claimdesk_chat_posts_total{target=\"slack:C1\"} 3.0\n")
        .contains("claimdesk_chat_posts_total{target=\"odd \\\"quoted\\\" \\\\ target\\n\"} 4.0\n")
        .contains("# TYPE claimdesk_up gauge\n")
        .contains("claimdesk_up 1.0\n");
    assertThat(text).as("the JVM's meters").contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ",
        "process_uptime_seconds ");
  }

  @Test
  void aFailingReaderShowsNaNAndBadNamesAreRefused() {
    Metrics metrics = new Metrics();
    metrics.register("claimdesk_a", "A", Metrics.Type.GAUGE, Map.of(), () -> {
      throw new IllegalStateException("database down");
    });
    metrics.register("claimdesk_b", "B", Metrics.Type.GAUGE, Map.of(), () -> 2);
    assertThat(metrics.render()).contains("claimdesk_b 2.0\n", "claimdesk_a NaN\n");
    assertThatThrownBy(() -> metrics.register("bad name", "x", Metrics.Type.GAUGE, Map.of(), () -> 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.register("claimdesk_c", "C", Metrics.Type.COUNTER, Map.of(), () -> 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
