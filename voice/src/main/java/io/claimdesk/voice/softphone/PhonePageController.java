package io.claimdesk.voice.softphone;

import io.claimdesk.core.session.SessionService;
import io.claimdesk.web.page.Chrome;
import io.claimdesk.web.page.OfferNotice;
import io.claimdesk.web.page.Templates;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /dashboard/phone}: the softphone in the dashboard's frame; the script does the rest. */
final class PhonePageController {
  private final WebSecurity security;
  private final boolean bundled;

  PhonePageController(WebSecurity security, boolean bundled) {
    this.security = security;
    this.bundled = bundled;
  }

  void show(Context ctx) {
    SessionService.SignedIn signedIn = security.session(ctx);
    Chrome chrome = new Chrome("Phone", signedIn.member(), signedIn.session().csrfToken(), null, "phone",
        ctx.attribute(OfferNotice.ATTRIBUTE));
    Templates.render(ctx, "phone.jte", Map.of("chrome", chrome, "bundled", bundled));
  }
}
