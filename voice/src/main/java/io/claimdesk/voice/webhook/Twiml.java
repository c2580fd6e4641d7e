package io.claimdesk.voice.webhook;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Identity;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import io.claimdesk.core.voice.Route;
import java.net.URI;
import java.util.List;

/**
 * Writes a route as TwiML with the SDK's builders (which escape what they are given). Every URL in it is absolute,
 * on the public base URL: Twilio's reference allows a relative URL for {@code <Dial action>} and
 * {@code <Record action>} (resolved against the URL of the TwiML document), but says only "any URL" for a noun's
 * {@code statusCallback}, and refuses relative action URLs in TwiML given to a call in progress (error 15004);
 * absolute URLs are the ones Twilio signs exactly as the signature check expects.
 */
final class Twiml {
  static final String DIAL_COMPLETE = "/voice/dial-complete";
  static final String STATUS = "/voice/status";
  static final String VOICEMAIL = "/voice/voicemail";
  /** Longest voicemail, in seconds. */
  static final int VOICEMAIL_SECONDS = 120;
  /** The softphone reads the caller's name from this parameter before the call is answered. */
  static final String CALLER_NAME = "callerName";
  static final String CLIENT_PREFIX = "agent_";
  /**
   * The caller's CallSid, which names the call log: a softphone sees only its own leg's CallSid, and saves its
   * notes under this one.
   */
  static final String CALL_SID = "callSid";

  private final int ringSeconds;
  // parsed once: the builders' String setters parse their URL on every answer (and drop one that does not parse)
  private final URI dialComplete;
  private final URI status;
  private final URI voicemail;

  /** {@code publicBaseUrl}: where Twilio reaches claimdesk, as for the signature check. */
  Twiml(int ringSeconds, String publicBaseUrl) {
    this.ringSeconds = ringSeconds;
    String base = publicBaseUrl.replaceAll("/+$", "");
    this.dialComplete = URI.create(base + DIAL_COMPLETE);
    this.status = URI.create(base + STATUS);
    this.voicemail = URI.create(base + VOICEMAIL);
  }

  /** The TwiML for {@code route} of the caller's call {@code callSid}. */
  String render(Route route, String callSid) {
    return TwimlWriter.write(response(route, callSid));
  }

  /** The SDK's model of the answer for {@code route}. */
  VoiceResponse response(Route route, String callSid) {
    VoiceResponse.Builder response = new VoiceResponse.Builder();
    if (route instanceof Route.Ring ring) {
      response.dial(dial(ring, callSid));
    } else if (route instanceof Route.Voicemail) {
      response.say(new Say.Builder("Nobody can take your call right now. Please leave a message after the tone.")
              .build())
          .record(new Record.Builder().action(voicemail).maxLength(VOICEMAIL_SECONDS).playBeep(true).build());
    } else {
      response.say(new Say.Builder("Thank you for calling. Goodbye.").build()).hangup(new Hangup.Builder().build());
    }
    return response.build();
  }

  private Dial dial(Route.Ring ring, String callSid) {
    Dial.Builder dial = new Dial.Builder().timeout(ringSeconds).action(dialComplete);
    for (Route.Ringee member : ring.members()) {
      if (member.phone() != null) {
        dial.number(new Number.Builder(member.phone()).statusCallback(status)
            .statusCallbackEvents(List.of(Number.Event.INITIATED, Number.Event.RINGING, Number.Event.ANSWERED,
                Number.Event.COMPLETED)).build());
      } else {
        dial.client(new Client.Builder().identity(new Identity.Builder(CLIENT_PREFIX + member.memberId()).build())
            .parameter(new Parameter.Builder().name(CALLER_NAME).value(ring.callerName()).build())
            .parameter(new Parameter.Builder().name(CALL_SID).value(callSid).build())
            .statusCallback(status)
            .statusCallbackEvents(List.of(Client.Event.INITIATED, Client.Event.RINGING, Client.Event.ANSWERED,
                Client.Event.COMPLETED)).build());
      }
    }
    return dial.build();
  }
}
