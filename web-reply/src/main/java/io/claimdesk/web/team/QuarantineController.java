package io.claimdesk.web.team;

import io.claimdesk.core.mail.Quarantine;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.auth.ApiAuth;
import io.claimdesk.web.http.ApiException;
import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /api/admin/quarantine} (admins): mail that could not be parsed, kept raw with the reason. */
public final class QuarantineController {
  private static final int SHOWN = 100;
  private final Quarantine quarantine;

  public QuarantineController(Quarantine quarantine) {
    this.quarantine = quarantine;
  }

  public void list(Context ctx) {
    if (ApiAuth.member(ctx).role() != Role.ADMIN) {
      throw new ApiException(403, "Only admins can see the quarantine");
    }
    ctx.json(Map.of("count", quarantine.count(), "entries", quarantine.recent(SHOWN)));
  }
}
