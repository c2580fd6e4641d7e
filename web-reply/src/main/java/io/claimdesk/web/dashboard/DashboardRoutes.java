package io.claimdesk.web.dashboard;

import io.claimdesk.core.contact.ContactService;
import io.claimdesk.core.team.MemberAdmin;
import io.claimdesk.core.workload.WorkloadService;
import io.claimdesk.web.session.LoginController;
import io.claimdesk.web.session.WebSecurity;
import io.javalin.Javalin;

/** Installs the login forms, the dashboard pages, their forms and the live-update stream. */
public final class DashboardRoutes {
  private DashboardRoutes() {}

  /** Installs every page route; the returned stream is to be started and closed with the server. */
  public static LiveEvents install(Javalin app, DashboardServices deps, WebSecurity security) {
    LoginController login = new LoginController(deps.signIn(), deps.trustedProxies(), deps.sessions(), security);
    app.get("/login", login::form);
    app.post("/login", login::login);
    app.post("/logout", login::logout);

    app.before("/dashboard", security::requireSession);
    app.before("/dashboard/*", security::requireSession);
    app.get("/", ctx -> ctx.redirect("/dashboard/tickets/unassigned"));
    app.get("/dashboard", ctx -> ctx.redirect("/dashboard/tickets/unassigned"));

    PageContext pages = new PageContext(security, deps.sessions(), deps.teamStore());
    WorkloadService workload = new WorkloadService(deps.tickets(), deps.teamStore(), deps.history(), deps.clock());
    DashboardController lists = new DashboardController(pages, deps.tickets(), deps.team(), workload, deps.clock());
    LiveEvents live = new LiveEvents(deps.outbox(), deps.clock());
    app.unsafeConfig().appData(LiveEvents.KEY, live);
    TeamPageController teamPage = new TeamPageController(pages, new MemberAdmin(deps.teamStore()),
        live::membersChanged);
    ContactPageController contactPage = new ContactPageController(pages, new ContactService(deps.contacts()),
        deps.tickets(), deps.callLogs(), deps.teamStore());
    app.get("/dashboard/tickets", lists::all);
    app.get("/dashboard/tickets/mine", lists::mine);
    app.get("/dashboard/tickets/unassigned", lists::unassigned);
    app.get("/dashboard/team", lists::team);
    app.post("/dashboard/team/{id}", teamPage::update);
    app.get("/dashboard/contacts/lookup", contactPage::lookup); // before {id}: "lookup" is no contact id
    app.get("/dashboard/contacts/{id}", contactPage::show);
    app.post("/dashboard/contacts/{id}", contactPage::update);

    AccountController account = new AccountController(pages, deps.team(), deps.signIn(), deps.trustedProxies(),
        deps.sessions());
    app.get("/dashboard/account", account::show);
    app.post("/dashboard/account/password", account::changePassword);
    app.post("/dashboard/account/tokens", account::createToken);
    app.post("/dashboard/account/tokens/{id}/revoke", account::revokeToken);

    TicketPageController ticket = new TicketPageController(pages, deps.claims(), deps.replies(), deps.tickets(),
        deps.history(), deps.team(), deps.clock(), deps.savedReplies(), deps.attachments());
    app.get("/dashboard/tickets/{id}", ticket::show);
    app.get("/dashboard/tickets/{id}/reply", ticket::replyForm);
    app.post("/dashboard/tickets/{id}/reply", ticket::reply);
    app.post("/dashboard/tickets/{id}/replies/{replyId}/retry", ticket::retryReply);
    app.post("/dashboard/tickets/{id}/replies/{replyId}/discard", ticket::discardReply);
    app.post("/dashboard/tickets/{id}/note", ticket::note);
    app.post("/dashboard/tickets/{id}/claim", ticket::claim);
    app.post("/dashboard/tickets/{id}/unclaim", ticket::unclaim);
    app.post("/dashboard/tickets/{id}/reassign", ticket::reassign);
    app.post("/dashboard/tickets/{id}/status", ticket::status);

    SavedRepliesPageController saved = new SavedRepliesPageController(pages, deps.savedReplies());
    app.get("/dashboard/saved-replies", saved::show);
    app.post("/dashboard/saved-replies", saved::create);
    app.post("/dashboard/saved-replies/{id}", saved::update);
    app.post("/dashboard/saved-replies/{id}/delete", saved::delete);

    app.sse("/dashboard/events", live::connect);
    return live;
  }
}
