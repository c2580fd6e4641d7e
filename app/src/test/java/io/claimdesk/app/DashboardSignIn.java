package io.claimdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;

/** Signs a member in on the dashboard's login form, as a browser does, for the app tests that use the dashboard. */
final class DashboardSignIn {
  private DashboardSignIn() {}

  /**
   * The session cookie, {@code claimdesk_session=<value>}, of {@code email} signed in on the claimdesk at
   * {@code port}: the form and its login cookie first, then the post, which must answer 302. {@code http} must not
   * follow redirects (a client of {@link HttpClient#newHttpClient()} does not).
   */
  static String session(HttpClient http, int port, String email, String password) throws Exception {
    URI login = URI.create("http://127.0.0.1:" + port + "/login");
    HttpResponse<String> form = http.send(HttpRequest.newBuilder(login).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String formToken = Jsoup.parse(form.body()).selectFirst("input[name=formToken]").attr("value");
    HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(login)
        .header("Cookie", "claimdesk_login=" + cookie(form, "claimdesk_login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("formToken=" + encode(formToken) + "&email=" + encode(email)
            + "&password=" + encode(password))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
    return "claimdesk_session=" + cookie(signedIn, "claimdesk_session");
  }

  /** The value of the cookie {@code name} the answer sets: the last one, as a sign-in first clears an older one. */
  static String cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .filter(value -> !value.isEmpty()).reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("no cookie " + name + ": " + response.headers().map()));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
