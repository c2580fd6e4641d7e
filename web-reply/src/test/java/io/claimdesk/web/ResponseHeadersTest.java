package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.team.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** JSON answers, errors included, are never sniffed nor cached; HSTS only when the public URL is https. */
class ResponseHeadersTest {

  @Test
  void jsonAnswersShouldCarryNosniffAndNoStoreButNoHstsOverHttp() throws Exception {
    try (ApiFixture api = new ApiFixture()) {
      String token = api.member("Ana", Role.AGENT).token();
      for (HttpResponse<String> response : new HttpResponse[] {
          get(api, "/api/emails/tickets", token), get(api, "/api/emails/tickets", "cd_wrong"),
          get(api, "/healthz", null)}) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
      }
    }
  }

  @Test
  void answersShouldCarryHstsWhenThePublicUrlIsHttps() throws Exception {
    try (ApiFixture api = new ApiFixture(true)) {
      for (String path : new String[] {"/healthz", "/login", "/api/emails/tickets"}) {
        assertThat(get(api, path, null).headers().firstValue("Strict-Transport-Security")).as(path)
            .contains("max-age=31536000");
      }
    }
  }

  private static HttpResponse<String> get(ApiFixture api, String path, String token) throws Exception {
    return api.http.send(api.request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
