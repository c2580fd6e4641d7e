package io.claimdesk.voice.webhook;

import io.claimdesk.core.voice.CallNotes;
import io.claimdesk.core.voice.CallRecorder;
import io.claimdesk.core.voice.CallRouter;
import io.claimdesk.voice.calls.CallsController;
import io.javalin.Javalin;
import java.util.Map;

/** Installs Twilio's voice webhooks and the calls API on the app's server, when Twilio is configured. */
public final class VoiceRoutes {
  /** Twilio's webhook forms are a few kilobytes; more is not Twilio. */
  public static final long MAX_WEBHOOK_BYTES = 64 * 1024;
  /** The body limit of each webhook's path, for the HTTP server to hold before the body is read. */
  public static final Map<String, Long> BODY_LIMITS = Map.of(
      "/voice/incoming", MAX_WEBHOOK_BYTES, "/voice/dial-complete", MAX_WEBHOOK_BYTES,
      "/voice/status", MAX_WEBHOOK_BYTES, "/voice/voicemail", MAX_WEBHOOK_BYTES);

  private VoiceRoutes() {}

  /** What the webhooks need: the account's auth token, the public base URL Twilio posts to, ring time. */
  public record Settings(String authToken, String publicBaseUrl, int ringSeconds) {}

  /** The webhooks ({@code /voice/*}) and the calls API ({@code /api/voice/calls}, behind the API's sign-in). */
  public static void install(Javalin app, Settings settings, CallRouter router, CallRecorder recorder,
      CallNotes notes) {
    VoiceWebhookController webhooks = new VoiceWebhookController(
        new TwilioSignature(settings.authToken(), settings.publicBaseUrl()),
        new Twiml(settings.ringSeconds(), settings.publicBaseUrl()), router, recorder);
    app.post("/voice/incoming", webhooks::incoming);
    app.post(Twiml.DIAL_COMPLETE, webhooks::dialComplete);
    app.post(Twiml.STATUS, webhooks::status);
    app.post(Twiml.VOICEMAIL, webhooks::voicemail);
    CallsController calls = new CallsController(notes);
    app.get("/api/voice/calls", calls::list);
    app.post("/api/voice/calls/{callSid}/notes", calls::addNote);
  }
}
