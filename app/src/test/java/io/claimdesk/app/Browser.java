package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium}, driven through its {@code chromedriver}), one per person in a
 * test. Nothing is downloaded: the browser and driver come from the system, as {@code .ci/run} installs them.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("claimdesk.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("claimdesk.chromedriver", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  private final String base;
  private final Path profile;

  Browser(String base) throws IOException {
    this(base, new String[0]);
  }

  /** With Chromium arguments of the test's own (a certificate to trust, say). */
  Browser(String base, String... arguments) throws IOException {
    this.base = base;
    this.profile = Files.createTempDirectory("claimdesk-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // as the machine notes say: without the background-networking flags Chromium keeps dialling Google's hosts
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
    options.addArguments(arguments);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * For a browser test's {@code @BeforeAll}: skips the test where Chromium or its driver is missing, but fails it on
   * CI ({@code CI=true}), which must have them.
   */
  static void assumeAvailable() {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(available()).as("CI must install chromium and chromium-driver (.ci/run does)").isTrue();
    }
    Assumptions.assumeTrue(available(), "no /usr/bin/chromium and /usr/bin/chromedriver on this machine");
  }

  void open(String path) {
    driver.get(base + path);
  }

  void login(String email, String password) {
    open("/login");
    find("#email").sendKeys(email);
    find("#password").sendKeys(password);
    find("#sign-in").click();
    until(d -> !d.getCurrentUrl().contains("/login"), "leave the login page");
  }

  /**
   * The element, waited for: a click that submits a form or follows a redirect returns, and the URL may already read
   * as the new page's, before that page's document is there (seen in CI: the owner banner missing right after the
   * sign-in redirect).
   */
  WebElement find(String css) {
    return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)), "find " + css);
  }

  boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  String text(String css) {
    return find(css).getText();
  }

  /**
   * Waits for the condition, checking it again when an element it read was replaced meanwhile (the live updates
   * redraw parts of a page).
   */
  <T> T until(ExpectedCondition<T> condition, String what) {
    return new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage("waiting to " + what)
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** Waits at most {@code within} for the condition: for checks of how fast something shows. */
  <T> T within(Duration within, ExpectedCondition<T> condition, String what) {
    return new WebDriverWait(driver, within, Duration.ofMillis(50)).withMessage("waiting to " + what)
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /**
   * The page as a phone or a laptop shows it, through device emulation: a viewport of exactly this width (a mobile one
   * under 800 px). A window resized to 390 px need not give a 390 px viewport; this sets the page's own.
   */
  void viewport(int width) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width,
        "height", width < 800 ? 844 : 900, "deviceScaleFactor", 1, "mobile", width < 800));
  }

  Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  void screenshot(Path target) {
    try {
      Files.createDirectories(target.getParent());
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
