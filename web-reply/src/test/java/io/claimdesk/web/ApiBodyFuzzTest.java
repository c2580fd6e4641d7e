package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the JSON API's request bodies: any bytes posted as JSON by a signed-in
 * manager to any route that reads a body are answered below 500, and every refusal is the API's
 * {@code {"error": "<message>"}}. The first byte of an input picks the route (an input's ticket ids mostly point at
 * nothing, which must be a 404, never a failure). Regression mode (every {@code verify}) runs the inputs under
 * {@code ApiBodyFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}, and a crash it finds is
 * committed there as a new input.
 */
class ApiBodyFuzzTest {
  private static final List<String> ROUTES = List.of("/api/emails/claim", "/api/emails/unclaim",
      "/api/emails/reassign", "/api/emails/status", "/api/emails/reply", "/api/team", "/api/auth/token");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ApiFixture api;
  private static Member mia;

  @BeforeAll
  static void start() {
    api = new ApiFixture();
    mia = api.member("Mia", Role.MANAGER);
    api.ticket("Printer on fire", Instant.parse("2026-11-01T09:00:00Z"));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @FuzzTest(maxDuration = "10m")
  void anyJsonBodyIsAnsweredWithoutAServerError(byte[] input) throws Exception {
    // set for every input: Jazzer's hooks are not there yet in @BeforeAll, and fuzzing starts with a fresh policy
    // Jazzer reports connections as server-side request forgery: these are the test's to its server and database
    BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
    if (input.length == 0) {
      return;
    }
    String route = ROUTES.get(Math.floorMod(input[0], ROUTES.size()));
    String body = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
    Response response = api.post(route, mia.token(), body);
    assertThat(response.status()).as("%s %s", route, body).isLessThan(500);
    if (response.status() >= 400) {
      JsonNode error = JSON.readTree(response.body());
      assertThat(error.path("error").isTextual()).as("%s answered %s", route, response.body()).isTrue();
    }
  }
}
