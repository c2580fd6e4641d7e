package io.claimdesk.app;

import io.claimdesk.core.lease.LeaseKeeper;
import io.claimdesk.core.lease.LeaseStore;
import io.claimdesk.web.health.Metrics;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's lease keeper on its own thread: singleton work is added with {@code keeper().hold(name, work)}
 * before {@link #startKeeping}, which also shows {@code claimdesk_lease_held{name}} on {@code /metrics}.
 */
final class Leases implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  private final LeaseKeeper keeper;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "claimdesk-leases");
    t.setDaemon(true);
    return t;
  });

  private Leases(LeaseKeeper keeper) {
    this.keeper = keeper;
  }

  static Leases start(LeaseStore store, Clock clock) {
    String holder = LeaseKeeper.newHolderId();
    log.info("lease holder id of this instance: {}", holder);
    return new Leases(new LeaseKeeper(store, holder, clock));
  }

  LeaseKeeper keeper() {
    return keeper;
  }

  /** Starts trying and renewing every lease held so far, and registers one gauge per lease. */
  void startKeeping(Metrics metrics) {
    for (String name : keeper.held().keySet()) {
      metrics.register("claimdesk_lease_held", "1 while this instance holds the lease of this singleton work",
          Metrics.Type.GAUGE, Map.of("name", name), () -> Boolean.TRUE.equals(keeper.held().get(name)) ? 1 : 0);
    }
    keeper.start(scheduler);
  }

  /** Stops the work and releases the leases, then the thread. */
  @Override
  public void close() {
    keeper.close();
    scheduler.shutdownNow();
  }
}
