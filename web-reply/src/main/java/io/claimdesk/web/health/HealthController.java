package io.claimdesk.web.health;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code GET /healthz}: 200 when the database answers, 503 otherwise. */
public final class HealthController {
  private final BooleanSupplier databaseUp;

  public HealthController(BooleanSupplier databaseUp) {
    this.databaseUp = databaseUp;
  }

  public void health(Context ctx) {
    if (databaseUp.getAsBoolean()) {
      ctx.json(Map.of("status", "ok"));
    } else {
      ctx.status(503).json(Map.of("status", "unavailable", "error", "Database is not answering"));
    }
  }
}
