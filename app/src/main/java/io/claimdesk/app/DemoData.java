package io.claimdesk.app;

import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.contact.ContactStore;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.MemberUpdate;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamService;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.team.VoiceMode;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStore;
import io.claimdesk.core.ticket.TicketStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DEMO=true}: a team, contacts and 30 tickets in every state, so a newcomer sees a working dashboard at
 * once. Runs only on a database with no members and no tickets. The logins are documented in the README.
 */
final class DemoData {
  static final String PASSWORD = "claimdesk-demo";
  static final String MAILBOX = "support@example.com";
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  /** Name, email, role, availability, voice, phone, capacity: a mix, so the team page and the header show each. */
  private static final String[][] TEAM = {
      {"Ana Alvarez", "ana@example.com", "agent", "online", "client", "+14155550111", "5"},
      {"Bo Berg", "bo@example.com", "agent", "away", "phone", "+14155550112", ""},
      {"Chen Cho", "chen@example.com", "agent", "offline", "client", "", "3"},
      {"Mia Moreau", "mia@example.com", "manager", "online", "client", "+14155550114", ""},
      {"Ada Admin", "admin@example.com", "admin", "online", "off", "", ""},
  };
  private static final String[][] CONTACTS = {
      {"Carla Diaz", "carla@example.org", "+14155550101"},
      {"Dev Patel", "dev@example.org", "+14155550102"},
      {"Emma Schulz", "emma@example.org", "+4930555010"},
      {"Farid Haddad", "farid@example.org", "+33155550104"},
      {"Grace Kim", "grace@example.org", "+14155550105"},
      {"Hiro Tanaka", "hiro@example.org", "+81355550106"},
      {"Ines Costa", "ines@example.org", "+351215550107"},
      {"Jon Olsen", "jon@example.org", "+4722555010"},
  };
  private static final String[] SUBJECTS = {
      "Cannot log in after password reset", "Invoice #4821 charged twice", "Export to CSV is empty",
      "How do I add a second mailbox?", "Order 1187 never arrived", "Refund for cancelled plan",
      "Two-factor codes not accepted", "API returns 500 on /orders", "Change billing address",
      "Feature request: dark mode", "Attachment too large to upload", "Account locked",
  };
  /** Open twice as often as the rest, so the unassigned queue has something in it. */
  private static final TicketStatus[] STATUSES = {
      TicketStatus.OPEN, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.WAITING, TicketStatus.RESOLVED};

  private final TicketStore tickets;
  private final ContactStore contacts;
  private final TeamService team;
  private final TeamStore members;
  private final ClaimService claims;
  private final Clock clock;

  DemoData(TicketStore tickets, ContactStore contacts, TeamService team, TeamStore members, ClaimService claims,
      Clock clock) {
    this.tickets = tickets;
    this.members = members;
    this.contacts = contacts;
    this.team = team;
    this.claims = claims;
    this.clock = clock;
  }

  void seedIfEmpty() {
    if (tickets.count() > 0 || team.all().stream().anyMatch(m -> !m.email().equals(adminOnly()))) {
      log.info("DEMO=true but the database already has data: nothing seeded");
      return;
    }
    List<TeamMember> agents = new ArrayList<>();
    for (String[] m : TEAM) {
      team.create(new NewMember(m[0], m[1], Role.parse(m[2]).orElseThrow(), null, null, null), PASSWORD)
          .map(member -> settings(member, m))
          .filter(member -> member.role() == Role.AGENT)
          .ifPresent(agents::add);
    }
    List<Contact> customers = new ArrayList<>();
    for (String[] c : CONTACTS) {
      customers.add(contacts.insert(new Contact(null, c[0], List.of(c[1]), List.of(c[2]), null)));
    }
    Instant now = clock.instant();
    for (int i = 0; i < 30; i++) {
      seedTicket(i, customers.get(i % customers.size()), agents.get(i % agents.size()),
          now.minus(Duration.ofMinutes(90L * (30 - i))));
    }
    log.info("seeded demo data: {} members, {} contacts, 30 tickets; password '{}'", TEAM.length, customers.size(),
        PASSWORD);
  }

  private TeamMember settings(TeamMember member, String[] m) {
    MemberUpdate update = MemberUpdate.none().withVoice(VoiceMode.parse(m[4]).orElseThrow()).withPhone(m[5]);
    if (!m[6].isEmpty()) {
      update = update.withCapacity(Integer.parseInt(m[6]));
    }
    members.update(member.id(), update);
    return members.setAvailability(member.id(), Availability.parse(m[3]).orElseThrow()).orElse(member);
  }

  /** The email of a bootstrap admin created from ADMIN_EMAIL just before seeding, which does not count as data. */
  private String adminOnly() {
    List<TeamMember> all = team.all();
    return all.size() == 1 && all.get(0).role() == Role.ADMIN ? all.get(0).email() : "";
  }

  private void seedTicket(int i, Contact customer, TeamMember agent, Instant receivedAt) {
    TicketStatus status = STATUSES[i % STATUSES.length];
    EmailThread ticket = tickets.insert(new NewThread(MAILBOX, SUBJECTS[i % SUBJECTS.length],
        customer.emails().get(0), customer.name(), TicketStatus.OPEN, receivedAt));
    int messages = 1 + i % 4;
    for (int n = 0; n < messages; n++) {
      boolean inbound = n % 2 == 0;
      String text = inbound
          ? "Hi, " + SUBJECTS[i % SUBJECTS.length].toLowerCase() + ". Could you help? (message " + (n + 1) + ")"
          : "Thanks for writing in, we are looking into it.";
      tickets.appendMessage(ticket.id(), new ThreadMessage(null, ticket.id(),
          inbound ? ThreadMessage.Direction.INBOUND : ThreadMessage.Direction.OUTBOUND,
          "<demo-" + i + "-" + n + "@example.org>", null, List.of(),
          inbound ? customer.emails().get(0) : MAILBOX, inbound ? customer.name() : agent.displayName(),
          List.of(inbound ? MAILBOX : customer.emails().get(0)), List.of(),
          receivedAt.plus(Duration.ofMinutes(20L * n)), text, null, List.of(), inbound ? null : agent.id()), null);
    }
    boolean claimed = status != TicketStatus.OPEN || i % 10 == 0;
    if (claimed) {
      claims.claim(ticket.id(), agent, Via.WEB);
    }
    if (status != TicketStatus.OPEN) {
      claims.changeStatus(ticket.id(), agent, status, Via.WEB);
    }
  }
}
