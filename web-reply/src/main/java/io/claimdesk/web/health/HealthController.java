package io.claimdesk.web.health;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /healthz}: 200 when the database answers, 503 otherwise (is the process alive and useful?).
 * {@code GET /readyz}: 200 when, besides, the instance has finished starting and is not stopping (should it get
 * traffic?).
 */
public final class HealthController {
  private final BooleanSupplier databaseUp;
  private final Readiness readiness;

  public HealthController(BooleanSupplier databaseUp, Readiness readiness) {
    this.databaseUp = databaseUp;
    this.readiness = readiness;
  }

  public void health(Context ctx) {
    if (databaseUp.getAsBoolean()) {
      ctx.json(Map.of("status", "ok"));
    } else {
      ctx.status(503).json(Map.of("status", "unavailable", "error", "Database is not answering"));
    }
  }

  public void ready(Context ctx) {
    String notReady = readiness.notReadyBecause();
    if (notReady != null) {
      ctx.status(503).json(Map.of("status", notReady, "error", "claimdesk is " + notReady));
    } else if (!databaseUp.getAsBoolean()) {
      ctx.status(503).json(Map.of("status", "unavailable", "error", "Database is not answering"));
    } else {
      ctx.json(Map.of("status", "ready"));
    }
  }
}
