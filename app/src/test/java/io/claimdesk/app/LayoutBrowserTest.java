package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Every main page of the demo in headless Chromium at a phone's width (390 px) and a laptop's (1366 px): nothing
 * wider than the screen, the dark header across the whole width with the name and Sign out on screen, lists as
 * cards on the phone and as tables with side-by-side buttons on the laptop; the keyboard shortcuts; the 404 page's
 * navigation; the favicon. With {@code -Dscreenshots.dir=docs/screenshots} it saves the README's screenshots.
 */
class LayoutBrowserTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withPerMethodLifecycle(false);
  private static final String PASSWORD = DemoData.PASSWORD;
  private static final int[] WIDTHS = {390, 1366};
  @TempDir
  static Path dataDir;
  private static Claimdesk app;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumeAvailable();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    app = Claimdesk.start(AppConfig.fromEnv(Map.of("PORT", Integer.toString(port), "PUBLIC_BASE_URL", base,
        "DATA_DIR", dataDir.toString(), "DEMO", "true", "SUPPORT_ADDRESS", "support@example.com",
        "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(GREEN_MAIL.getSmtp().getPort()), "SMTP_TLS", "none")),
        4);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static void viewport(Browser browser, int width) {
    browser.viewport(width);
  }

  private static long number(Browser browser, String js) {
    return ((Number) browser.script(js)).longValue();
  }

  @Test
  void everyMainPageShouldFitPhonesAndLaptops() throws Exception {
    try (Browser mia = new Browser(base)) {
      mia.login("mia@example.com", PASSWORD);
      mia.open("/dashboard/tickets");
      String ticket = path(mia.driver.findElement(By.linkText("API returns 500 on /orders")).getAttribute("href"));
      String open = path(mia.driver.findElement(By.cssSelector("tr.available td.subject a")).getAttribute("href"));
      Map<String, String> pages = new LinkedHashMap<>();
      pages.put("tickets", "/dashboard/tickets");
      pages.put("unassigned", "/dashboard/tickets/unassigned");
      pages.put("ticket", ticket);
      pages.put("reply", open + "/reply");
      pages.put("team", "/dashboard/team");
      pages.put("contact", "/dashboard/contacts/lookup?email=carla%40example.org");
      pages.put("phone", "/dashboard/phone");
      pages.put("assignment-settings", "/dashboard/settings/assignment");
      for (int width : WIDTHS) {
        viewport(mia, width);
        for (Map.Entry<String, String> page : pages.entrySet()) {
          mia.open(page.getValue());
          mia.find("header.top");
          String what = page.getKey() + " at " + width + " px";
          long inner = number(mia, "return window.innerWidth;");
          long scroll = number(mia, "return document.documentElement.scrollWidth;");
          long client = number(mia, "return document.documentElement.clientWidth;"); // without a scroll bar
          long headerLeft = number(mia, "return Math.round(document.querySelector('header.top').getBoundingClientRect().left);");
          long headerWidth = number(mia, "return Math.round(document.querySelector('header.top').getBoundingClientRect().width);");
          long logoutRight = number(mia, "return Math.ceil(document.getElementById('logout').getBoundingClientRect().right);");
          long nameRight = number(mia, "return Math.ceil(document.querySelector('header.top .who').getBoundingClientRect().right);");
          System.out.printf("%-32s innerWidth %4d scrollWidth %4d header %d+%d, Sign out ends at %d, name at %d%n",
              what, inner, scroll, headerLeft, headerWidth, logoutRight, nameRight);
          Object wide = mia.script("return Array.from(document.querySelectorAll('body *'))"
              + ".filter(e => e.getBoundingClientRect().right > " + width + ").slice(0, 5)"
              + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));");
          assertThat(inner).as(what + ", wider than the screen: " + wide).isEqualTo(width);
          assertThat(scroll).as("horizontal overflow on " + what + ": " + wide).isLessThanOrEqualTo(inner);
          assertThat(headerLeft).as(what).isZero();
          assertThat(headerWidth).as("header width on " + what).isEqualTo(client);
          assertThat(mia.script("return getComputedStyle(document.querySelector('header.top')).backgroundColor;"))
              .as(what).isEqualTo("rgb(36, 41, 47)");
          assertThat(logoutRight).as("Sign out on screen, " + what).isLessThanOrEqualTo(inner);
          assertThat(nameRight).as("name on screen, " + what).isLessThanOrEqualTo(inner);
          Screenshots.save(mia, page.getKey() + "-" + width);
        }
      }
    }
  }

  @Test
  void listsShouldBeCardsOnPhonesAndTablesWithSideBySideButtonsOnLaptops() throws Exception {
    try (Browser ana = new Browser(base)) {
      ana.login("ana@example.com", PASSWORD);
      viewport(ana, 390);
      ana.open("/dashboard/tickets");
      ana.find("table.tickets");
      assertThat(ana.script("return getComputedStyle(document.querySelector('table.tickets thead')).display;"))
          .isEqualTo("none");
      assertThat(ana.script("return getComputedStyle(document.querySelector('table.tickets tbody tr')).display;"))
          .isEqualTo("grid");
      assertThat(ana.script("return getComputedStyle(document.querySelector('td[data-label=Status]'), '::before')"
          + ".content;")).isEqualTo("\"Status\"");

      viewport(ana, 1366);
      ana.open("/dashboard/tickets");
      ana.find("table.tickets");
      assertThat(ana.script("return getComputedStyle(document.querySelector('table.tickets tbody tr')).display;"))
          .isEqualTo("table-row");
      assertThat(ana.script("return getComputedStyle(document.querySelector('td.actions')).display;"))
          .isEqualTo("table-cell");
      // the row's bottom border runs under the actions cell as under the others
      List<?> borders = (List<?>) ana.script("var r = document.querySelector('tr.available');"
          + "return Array.from(r.cells).map(c => Math.round(c.getBoundingClientRect().bottom));");
      assertThat(borders.stream().distinct().count()).as("cell bottoms " + borders).isEqualTo(1);
      List<?> tops = (List<?>) ana.script("var r = document.querySelector('tr.available');"
          + "return [r.querySelector('button.claim'), r.querySelector('a.reply')]"
          + ".map(b => Math.round(b.getBoundingClientRect().top + b.getBoundingClientRect().height / 2));");
      assertThat(tops.get(0)).as("Claim and Reply side by side: middles " + tops).isEqualTo(tops.get(1));
    }
  }

  /** At both widths; each run claims one more demo ticket of the shared app, so the lists differ between them. */
  @ParameterizedTest(name = "at {0} px")
  @ValueSource(ints = {390, 1366})
  void keyboardShortcutsShouldMoveClaimSearchAndHelp(int width) throws Exception {
    try (Browser ana = new Browser(base)) {
      ana.login("ana@example.com", PASSWORD);
      viewport(ana, width);
      ana.open("/dashboard/tickets/unassigned");
      assertThat(number(ana, "return window.innerWidth;")).isEqualTo(width);
      List<String> ids = ana.driver.findElements(By.cssSelector("table.tickets tr[data-thread]")).stream()
          .map(r -> r.getAttribute("data-thread")).toList();
      assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
      Actions keys = new Actions(ana.driver);

      keys.sendKeys("j").perform();
      keys.sendKeys("j").perform();
      keys.sendKeys("j").perform();
      keys.sendKeys("k").perform();
      assertThat(ana.find("tr.selected").getAttribute("data-thread")).isEqualTo(ids.get(1));
      // the selection shows (an outline round the card on a phone, a bar at the row's start on a laptop)
      assertThat(ana.find("tr.selected").isDisplayed()).isTrue();
      String subject = ana.text("tr.selected td.subject > a");

      keys.sendKeys("c").perform();
      ana.until(d -> ana.present(".flash"), "see the claim's notice");
      assertThat(ana.text(".flash")).isEqualTo("You claimed “" + subject + "”.");
      ana.open("/dashboard/tickets/" + ids.get(1));
      assertThat(ana.text("#owner-banner")).contains("You are handling");

      // r on a ticket's page opens its reply form
      keys.sendKeys("r").perform();
      ana.until(d -> d.getCurrentUrl().endsWith(ids.get(1) + "/reply"), "open the reply form with r");
      // keys typed into a box stay there
      ana.find("#reply-body").click();
      keys.sendKeys("jk?").perform();
      assertThat(ana.find("#reply-body").getAttribute("value")).isEqualTo("jk?");
      assertThat(ana.find("#shortcuts-help").isDisplayed()).isFalse();

      ana.open("/dashboard/tickets/unassigned");
      // the search box is the header's; a page without one gets a stand-in with the same name
      ana.script("if (!document.querySelector('input[name=q]')) document.querySelector('header.top')"
          + ".insertAdjacentHTML('beforeend', '<form><input name=\"q\" id=\"stand-in-search\"></form>');");
      keys.sendKeys("/").perform();
      assertThat(ana.script("return document.activeElement.name;")).isEqualTo("q");
      assertThat(ana.script("return document.activeElement.id;")).isEqualTo("header-search");
      assertThat(ana.find("#header-search").isDisplayed()).isTrue();
      keys.sendKeys("printer").perform();
      assertThat(ana.script("return document.activeElement.value;")).isEqualTo("printer");
      keys.sendKeys(Keys.ESCAPE).perform();
      ana.script("document.activeElement.value = ''; document.activeElement.blur();");

      keys.sendKeys("?").perform();
      assertThat(ana.find("#shortcuts-help").isDisplayed()).isTrue();
      assertThat(ana.text("#shortcuts-help")).contains("Keyboard shortcuts").contains("claim");
      Screenshots.save(ana, "shortcuts-" + width);
      keys.sendKeys(Keys.ESCAPE).perform();
      assertThat(ana.find("#shortcuts-help").isDisplayed()).isFalse();

      keys.sendKeys("j").perform();
      keys.sendKeys("o").perform();
      ana.until(d -> d.getCurrentUrl().endsWith("/dashboard/tickets/" + ids.get(0)), "open the first ticket with o");
    }
  }

  @Test
  void theNotFoundPageShouldKeepTheNavigationAndTheFaviconShouldBeThere() throws Exception {
    try (Browser bo = new Browser(base)) {
      bo.login("bo@example.com", PASSWORD);
      bo.open("/dashboard/tickets/000000000000000000000000");
      assertThat(bo.text("#error-message")).isEqualTo("Ticket not found");
      assertThat(bo.driver.findElements(By.cssSelector("header.top nav a"))).extracting(e -> e.getText())
          .containsExactly("Unassigned", "Mine", "All tickets");
      bo.find("header.top nav a[href='/dashboard/tickets/mine']").click();
      bo.until(d -> d.getCurrentUrl().endsWith("/dashboard/tickets/mine"), "leave the 404 page by the navigation");
    }
    HttpResponse<byte[]> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/favicon.ico"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    System.out.println("/favicon.ico: " + icon.statusCode() + ", " + icon.body().length + " bytes, "
        + icon.headers().firstValue("Content-Type").orElse("?"));
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).contains("image/x-icon");
  }

  private static String path(String url) {
    return url.replaceFirst("^https?://[^/]+", "");
  }
}
