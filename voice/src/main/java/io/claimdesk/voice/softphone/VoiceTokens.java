package io.claimdesk.voice.softphone;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VoiceGrant;
import java.nio.charset.StandardCharsets;

/** Signs the Twilio access tokens with which a browser registers as one team member's softphone. */
final class VoiceTokens {
  /** An hour: the browser asks for a new one before it ends (the SDK's tokenWillExpire). */
  static final int TTL_SECONDS = 3600;

  private final SoftphoneSettings settings;

  VoiceTokens(SoftphoneSettings settings) {
    this.settings = settings;
  }

  /** The identity under which the calls routed to this member ring: one per member, so no two browsers collide. */
  static String identity(String memberId) {
    return "agent_" + memberId;
  }

  /** A token for the member: incoming calls allowed, outgoing calls through the TwiML app. */
  Issued issue(String memberId) {
    String identity = identity(memberId);
    VoiceGrant grant = new VoiceGrant().setIncomingAllow(true).setOutgoingApplicationSid(settings.twimlAppSid());
    AccessToken token = new AccessToken.Builder(settings.accountSid(), settings.apiKeySid(),
        settings.apiKeySecret().getBytes(StandardCharsets.UTF_8))
        .identity(identity).ttl(TTL_SECONDS).grant(grant).build();
    return new Issued(token.toJwt(), identity, TTL_SECONDS);
  }

  /** The JSON the token endpoint answers. */
  record Issued(String token, String identity, int ttlSeconds) {}
}
