package io.claimdesk.voice.softphone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TwilioContentPolicyTest {
  static final String DASHBOARD = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Test
  void dashboardPoliciesLetTheSoftphoneReachTwilioAndPlayItsOwnTones() {
    assertThat(TwilioContentPolicy.widened(DASHBOARD, null)).isEqualTo("default-src 'none'; script-src 'self'; "
        + "style-src 'self'; img-src 'self' data:; connect-src 'self' wss://*.twilio.com https://*.twilio.com; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; media-src 'self' data:");
  }

  @Test
  void aTestSignalingHostIsAllowedAndTwilioStaysAllowedOnce() {
    String once = TwilioContentPolicy.widened(DASHBOARD, "127.0.0.1:9");
    assertThat(once).contains("connect-src 'self' wss://*.twilio.com https://*.twilio.com wss://127.0.0.1:9;");
    assertThat(TwilioContentPolicy.widened(once, "127.0.0.1:9")).isEqualTo(once);
  }

  @Test
  void policiesWithoutTheDashboardsConnectSourceAreLeftAlone() {
    assertThat(TwilioContentPolicy.widened("default-src 'none'", null)).isEqualTo("default-src 'none'");
  }
}
