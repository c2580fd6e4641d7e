package io.claimdesk.core.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.assignment.AssignmentPolicy.Mode;
import io.claimdesk.core.assignment.AssignmentPolicy.Parsed;
import io.claimdesk.core.assignment.AssignmentPolicy.ReopenToOwner;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a policy from JSON values and from form strings: the same result, one message per bad value. */
class AssignmentPolicyTest {

  private static Object parse(Map<String, ?> fields) {
    Parsed parsed = AssignmentPolicy.parse(fields, AssignmentPolicy.MANUAL);
    return parsed instanceof Parsed.Valid v ? v.policy() : ((Parsed.Invalid) parsed).message();
  }

  @Test
  void jsonValuesAndFormStringsShouldReadAsTheSamePolicy() {
    Map<String, Object> json = new HashMap<>(Map.of("mode", "least_loaded", "offer", true, "offerTimeoutSeconds", 120,
        "staleNudgeHours", 4, "reopenToOwner", "never"));
    json.put("staleReleaseHours", null);
    Map<String, String> form = Map.of("mode", "least_loaded", "offer", "true", "offerTimeoutSeconds", "120",
        "staleNudgeHours", "4", "staleReleaseHours", "", "reopenToOwner", "never");
    AssignmentPolicy expected = new AssignmentPolicy(Mode.LEAST_LOADED, true, 120, 4, null, ReopenToOwner.NEVER);

    assertThat(parse(json)).isEqualTo(expected);
    assertThat(parse(form)).isEqualTo(expected);
    assertThat(parse(Map.of())).isEqualTo(AssignmentPolicy.MANUAL);
    assertThat(expected.fields()).containsEntry("mode", "least_loaded").containsEntry("reopenToOwner", "never")
        .containsEntry("staleReleaseHours", null);
  }

  @Test
  void badValuesShouldBeNamedWithWhatIsAllowed() {
    assertThat(parse(Map.of("mode", "random")))
        .isEqualTo("mode must be one of manual, round_robin, least_loaded, not 'random'");
    assertThat(parse(Map.of("offer", "maybe"))).isEqualTo("offer must be true or false, not 'maybe'");
    assertThat(parse(Map.of("offerTimeoutSeconds", 9)))
        .isEqualTo("offerTimeoutSeconds must be between 10 and 86400, not 9");
    assertThat(parse(Map.of("offerTimeoutSeconds", 1.5)))
        .isEqualTo("offerTimeoutSeconds must be a whole number, not '1.5'");
    assertThat(parse(Map.of("offerTimeoutSeconds", ""))).isEqualTo("offerTimeoutSeconds is required");
    assertThat(parse(Map.of("staleNudgeHours", "0")))
        .isEqualTo("staleNudgeHours must be between 1 and 8760 (or empty for off), not 0");
    assertThat(parse(Map.of("staleNudgeHours", 8, "staleReleaseHours", 8)))
        .isEqualTo("staleReleaseHours must be greater than staleNudgeHours");
    assertThat(parse(Map.of("reopenToOwner", "sometimes")))
        .isEqualTo("reopenToOwner must be one of always, if_online, never, not 'sometimes'");
  }
}
