package io.claimdesk.app;

import io.claimdesk.core.claim.ClaimService;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.event.EventRelay;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DEMO=true}: a team, contacts with phone numbers and 30 tickets in every state, each as a team would have
 * left it, so a newcomer sees a working dashboard at once. Runs only on a database with no members and no tickets. The logins are documented in the README.
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
      {"Carla Diaz", "carla@example.org", "+14155550101", "Office manager at Diaz & Co. Prefers email; calls only "
          + "for billing."},
      {"Dev Patel", "dev@example.org", "+14155550102"},
      {"Emma Schulz", "emma@example.org", "+4930555010"},
      {"Farid Haddad", "farid@example.org", "+33155550104", "Paris office, reports in Europe/Paris time."},
      {"Grace Kim", "grace@example.org", "+14155550105"},
      {"Hiro Tanaka", "hiro@example.org", "+81355550106"},
      {"Ines Costa", "ines@example.org", "+351215550107"},
      {"Jon Olsen", "jon@example.org", "+4722555010"},
  };
  /** Open twice as often as the rest, so the unassigned queue has something in it. */
  private static final TicketStatus[] STATUSES = {
      TicketStatus.OPEN, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.WAITING, TicketStatus.RESOLVED};

  /** The ticket with the longer conversation and the internal note (an in-progress one). */
  private static final int LONG_THREAD = 7;

  private final TicketStore tickets;
  private final ContactStore contacts;
  private final TeamService team;
  private final TeamStore members;
  private final Clock clock;
  private final SeedClock at;
  /** Claims through the real rules and relay, dated by {@link #at}: the history shows when each happened. */
  private final ClaimService claims;

  DemoData(TicketStore tickets, ContactStore contacts, TeamService team, TeamStore members, EventRelay relay,
      Clock clock) {
    this.tickets = tickets;
    this.members = members;
    this.contacts = contacts;
    this.team = team;
    this.clock = clock;
    this.at = new SeedClock(clock.instant());
    this.claims = new ClaimService(tickets, members, relay, at);
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
      customers.add(contacts.insert(new Contact(null, c[0], List.of(c[1]), List.of(c[2]), c.length > 3 ? c[3] : null)));
    }
    Instant now = clock.instant();
    int count = DemoTickets.TICKETS.length;
    for (int i = 0; i < count; i++) {
      seedTicket(i, customers.get(i % customers.size()), agents.get(i % agents.size()),
          now.minus(Duration.ofMinutes(90L * (count - i) + (i * 7L) % 40)));
    }
    log.info("seeded demo data: {} members, {} contacts, {} tickets; password '{}'", TEAM.length, customers.size(),
        count, PASSWORD);
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

  /**
   * One ticket as a team would have left it: the customer's mail; unless it still waits in the queue, a claim some
   * minutes later and an answer after that (never an answer on an unowned ticket), then what its status says
   * happened next. Times are written through {@link #at}, so the claims and status changes carry them too.
   */
  private void seedTicket(int i, Contact customer, TeamMember agent, Instant receivedAt) {
    TicketStatus status = STATUSES[i % STATUSES.length];
    String[] words = DemoTickets.TICKETS[i];
    String first = customer.name().split(" ")[0];
    String agentFirst = agent.displayName().split(" ")[0];
    EmailThread ticket = tickets.insert(new NewThread(MAILBOX, words[0], customer.emails().get(0), customer.name(),
        TicketStatus.OPEN, receivedAt));
    Conversation thread = new Conversation(ticket.id(), customer, agent, i);
    thread.customer(receivedAt, words[1] + "\n\n" + first);
    boolean claimed = status != TicketStatus.OPEN || i % 10 == 0;
    if (!claimed) {
      if (i % 3 == 1) {
        thread.customer(receivedAt.plus(Duration.ofMinutes(50)), String.format(DemoTickets.ANY_NEWS, first));
      }
      return;
    }
    Instant claimedAt = receivedAt.plus(Duration.ofMinutes(4 + (i * 13L) % 45));
    at.set(claimedAt);
    claims.claim(ticket.id(), agent, Via.WEB);
    if (status == TicketStatus.OPEN) {
      return; // claimed a moment ago, not answered yet
    }
    Instant answered = claimedAt.plus(Duration.ofMinutes(3 + i % 17));
    String answer = status == TicketStatus.WAITING ? DemoTickets.NEED_DETAILS
        : status == TicketStatus.RESOLVED ? DemoTickets.FIXED : DemoTickets.WORKING_ON_IT;
    thread.agent(answered, String.format(answer, first, agentFirst));
    at.set(answered);
    claims.changeStatus(ticket.id(), agent, status == TicketStatus.RESOLVED ? TicketStatus.IN_PROGRESS : status,
        Via.WEB);
    if (i == LONG_THREAD) {
      thread.customer(answered.plus(Duration.ofMinutes(12)), String.format(DemoTickets.LONG_THREAD[0], first));
      thread.note(answered.plus(Duration.ofMinutes(25)), DemoTickets.LONG_THREAD[1]);
      thread.agent(answered.plus(Duration.ofMinutes(31)), String.format(DemoTickets.LONG_THREAD[2], first,
          agentFirst));
    }
    if (status == TicketStatus.RESOLVED) {
      Instant thanked = answered.plus(Duration.ofMinutes(18));
      thread.customer(thanked, String.format(DemoTickets.THANKS, first));
      at.set(thanked.plus(Duration.ofMinutes(2)));
      claims.changeStatus(ticket.id(), agent, TicketStatus.RESOLVED, Via.WEB);
    }
  }

  /** Appends the messages of one demo ticket, numbering their Message-IDs. */
  private final class Conversation {
    private final String id;
    private final Contact customer;
    private final TeamMember agent;
    private final int ticket;
    private int count;

    Conversation(String id, Contact customer, TeamMember agent, int ticket) {
      this.id = id;
      this.customer = customer;
      this.agent = agent;
      this.ticket = ticket;
    }

    void customer(Instant when, String text) {
      add(ThreadMessage.Direction.INBOUND, when, text, customer.emails().get(0), customer.name(), MAILBOX, null);
    }

    void agent(Instant when, String text) {
      add(ThreadMessage.Direction.OUTBOUND, when, text, MAILBOX, agent.displayName(), customer.emails().get(0),
          agent.id());
    }

    void note(Instant when, String text) {
      add(ThreadMessage.Direction.NOTE, when, text, agent.email(), agent.displayName(), null, agent.id());
    }

    private void add(ThreadMessage.Direction direction, Instant when, String text, String from, String fromName,
        String to, String author) {
      String domain = direction == ThreadMessage.Direction.INBOUND ? "example.org" : "example.com";
      tickets.appendMessage(id, new ThreadMessage(null, id, direction, "<demo-" + ticket + "-" + count++ + "@"
          + domain + ">", null, List.of(), from, fromName, to == null ? List.of() : List.of(to), List.of(), when, text,
          null, List.of(), author), null);
    }
  }

  /** The seeding's clock: the time each claim and status change is said to have happened. */
  private static final class SeedClock extends Clock {
    private volatile Instant now;

    SeedClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
