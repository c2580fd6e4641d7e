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

    assertThat(metrics.render()).isEqualTo("""
        # HELP claimdesk_chat_posts_total Ticket messages posted
        # TYPE claimdesk_chat_posts_total counter
        claimdesk_chat_posts_total{target="slack:C1"} 3
        claimdesk_chat_posts_total{target="odd \\"quoted\\" \\\\ target\\n"} 4
        # HELP claimdesk_up Up
        # TYPE claimdesk_up gauge
        claimdesk_up 1
        """);
  }

  @Test
  void aFailingReaderLeavesOutItsSeriesOnlyAndBadNamesAreRefused() {
    Metrics metrics = new Metrics();
    metrics.register("claimdesk_a", "A", Metrics.Type.GAUGE, Map.of(), () -> {
      throw new IllegalStateException("database down");
    });
    metrics.register("claimdesk_b", "B", Metrics.Type.GAUGE, Map.of(), () -> 2);
    assertThat(metrics.render()).contains("claimdesk_b 2\n").doesNotContainPattern("(?m)^claimdesk_a ");
    assertThatThrownBy(() -> metrics.register("bad name", "x", Metrics.Type.GAUGE, Map.of(), () -> 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics.register("claimdesk_b", "B", Metrics.Type.COUNTER, Map.of(), () -> 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
