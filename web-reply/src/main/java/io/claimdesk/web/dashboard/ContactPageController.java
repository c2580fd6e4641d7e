package io.claimdesk.web.dashboard;

import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactService;
import io.claimdesk.core.contact.ContactUpdate;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.voice.CallLogStore;
import io.claimdesk.web.page.Templates;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contact card ({@code /dashboard/contacts/{id}}): details, open tickets with owners, calls, notes. */
final class ContactPageController {
  static final int TICKET_LIMIT = 50;
  static final int CALL_LIMIT = 20;
  private final PageContext pages;
  private final ContactService contacts;
  private final TicketStore tickets;
  private final CallLogStore calls;
  private final TeamStore team;

  ContactPageController(PageContext pages, ContactService contacts, TicketStore tickets, CallLogStore calls,
      TeamStore team) {
    this.pages = pages;
    this.contacts = contacts;
    this.tickets = tickets;
    this.calls = calls;
    this.team = team;
  }

  /** The card of the contact holding a customer's address: the link of ticket pages and lists. */
  public void lookup(Context ctx) {
    String email = Optional.ofNullable(ctx.queryParam("email")).orElse("");
    Contact contact = contacts.findByEmail(email)
        .orElseThrow(() -> new NotFoundResponse("No contact has this address yet"));
    ctx.redirect("/dashboard/contacts/" + URLEncoder.encode(contact.id(), StandardCharsets.UTF_8));
  }

  public void show(Context ctx) {
    Contact contact = contacts.find(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse("Contact not found"));
    String title = contact.name() == null || contact.name().isBlank() ? "Contact" : contact.name();
    Map<String, String> names = new HashMap<>();
    List<Views.CallRow> callRows = calls.forContact(contact.id(), CALL_LIMIT).stream()
        .map(call -> new Views.CallRow(call, call.answeredBy() == null ? null : names.computeIfAbsent(
            call.answeredBy(), id -> team.find(id).map(TeamMember::displayName).orElse("a former member"))))
        .toList();
    Templates.render(ctx, "contact.jte", new Views.ContactView(pages.chrome(ctx, title, "contact"), contact,
        tickets.unresolvedFrom(contact.emails(), contact.phones(), TICKET_LIMIT), callRows));
  }

  /** Any member may edit a contact; a refusal comes back as the page's notice. */
  public void update(Context ctx) {
    String id = ctx.pathParam("id");
    ContactUpdate update = new ContactUpdate(Optional.of(field(ctx, "name")), Optional.of(lines(ctx, "emails")),
        Optional.of(lines(ctx, "phones")), Optional.of(field(ctx, "notes")));
    ContactService.Result result = contacts.update(id, update);
    if (result instanceof ContactService.Result.Saved) {
      pages.flash(ctx, true, "Contact saved.");
    } else if (result instanceof ContactService.Result.Invalid invalid) {
      pages.flash(ctx, false, invalid.message());
    } else if (result instanceof ContactService.Result.Taken taken) {
      pages.flash(ctx, false, taken.message());
    } else {
      throw new NotFoundResponse("Contact not found");
    }
    ctx.redirect("/dashboard/contacts/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
  }

  private static String field(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value;
  }

  /** One entry a line (commas also separate), blanks dropped. */
  private static List<String> lines(Context ctx, String name) {
    return Arrays.stream(field(ctx, name).split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
