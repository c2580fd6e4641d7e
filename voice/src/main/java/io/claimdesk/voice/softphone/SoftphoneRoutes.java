package io.claimdesk.voice.softphone;

import io.claimdesk.core.contact.ContactService;
import io.claimdesk.web.WebDependencies;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.Javalin;
import java.util.regex.Pattern;

/**
 * Installs the softphone on the dashboard's server: {@code GET /api/voice/token} and {@code GET /api/voice/caller-tickets} (behind the API's authentication),
 * {@code /dashboard/phone} and the script of the header's phone widget (behind the dashboard's session check).
 */
public final class SoftphoneRoutes {
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");

  private SoftphoneRoutes() {}

  public static void install(Javalin app, SoftphoneSettings settings, WebDependencies deps) {
    String signalingHost = settings.signalingHost();
    if (signalingHost != null && !HOST_PORT.matcher(signalingHost).matches()) {
      throw new IllegalArgumentException("signalling host must be host or host:port, got " + signalingHost);
    }
    TokenController tokens = new TokenController(settings);
    app.get("/api/voice/token", tokens::token);
    CallerTicketsController callers = new CallerTicketsController(new ContactService(deps.contacts()), deps.tickets());
    app.get("/api/voice/caller-tickets", callers::list);
    SoftphoneScript script = SoftphoneScript.load(signalingHost);
    WebSecurity security = new WebSecurity(deps.sessions(), deps.secureCookies());
    PhonePageController page = new PhonePageController(security, script.bundled());
    app.get("/dashboard/phone", page::show);
    app.get("/dashboard/phone/softphone.js", script::serve);
    app.after("/dashboard/*", ctx -> TwilioContentPolicy.widen(ctx, signalingHost));
  }
}
