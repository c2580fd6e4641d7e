package io.claimdesk.web.team;

import io.claimdesk.core.session.SessionService;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code /dashboard/link-discord/{token}}: the page a Discord user's {@code /link} points to. Behind the dashboard's
 * sign-in (a signed-out visitor signs in first and comes back); the GET asks to confirm, and the POST (with the
 * session's CSRF token, as every dashboard change) stores the Discord user id on the signed-in member and uses
 * the link up.
 */
public final class DiscordLinkController {
  static final String PATH = "/dashboard/link-discord/{token}";

  private final DiscordLinks links;
  private final TeamStore team;
  private final WebSecurity security;

  private DiscordLinkController(DiscordLinks links, TeamStore team, WebSecurity security) {
    this.links = links;
    this.team = team;
    this.security = security;
  }

  /** Adds the page to the dashboard; its sign-in and CSRF checks are the dashboard's own before-handler. */
  public static void install(Javalin app, DiscordLinks links, TeamStore team, SessionService sessions,
      boolean secureCookies) {
    DiscordLinkController controller = new DiscordLinkController(links, team,
        new WebSecurity(sessions, secureCookies));
    app.get(PATH, controller::confirm);
    app.post(PATH, controller::link);
  }

  private void confirm(Context ctx) {
    Optional<String> discordUser = links.peek(ctx.pathParam("token"));
    if (discordUser.isEmpty()) {
      gone(ctx);
      return;
    }
    SessionService.SignedIn signedIn = security.session(ctx);
    page(ctx, 200, "Connect your Discord account",
        "<p>Connect Discord user <code>" + discordUser.get() + "</code> to your claimdesk account <b>"
            + html(signedIn.member().email()) + "</b>? Your clicks in Discord then act as you.</p>"
            + "<form method=\"post\"><input type=\"hidden\" name=\"" + WebSecurity.CSRF_FIELD + "\" value=\""
            + html(signedIn.session().csrfToken()) + "\"><button type=\"submit\">Connect</button></form>");
  }

  private void link(Context ctx) {
    Optional<String> discordUser = links.redeem(ctx.pathParam("token"));
    if (discordUser.isEmpty()) {
      gone(ctx);
      return;
    }
    TeamMember member = security.member(ctx);
    if (!team.linkDiscordUser(member.id(), discordUser.get())) {
      page(ctx, 409, "Not connected", "<p>This Discord account is linked to another team member. Ask an admin to "
          + "change it on the team page.</p>");
      return;
    }
    page(ctx, 200, "Discord connected", "<p>Your Discord account is now connected to <b>" + html(member.email())
        + "</b>. You can close this page and use the buttons in Discord.</p>");
  }

  private static void gone(Context ctx) {
    page(ctx, 410, "Link expired", "<p>This link has expired or was used already. Type <code>/link</code> in "
        + "Discord for a new one.</p>");
  }

  private static void page(Context ctx, int status, String title, String body) {
    ctx.status(status).contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
        .result("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + " · claimdesk</title></head>"
            + "<body><h1>" + title + "</h1>" + body + "</body></html>");
  }

  private static String html(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
