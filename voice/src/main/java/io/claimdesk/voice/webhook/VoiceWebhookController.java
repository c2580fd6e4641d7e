package io.claimdesk.voice.webhook;

import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.voice.CallRecorder;
import io.claimdesk.core.voice.CallRouter;
import io.claimdesk.core.voice.Route;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's four voice webhooks. Each reads the form, checks its signature (403, nothing recorded, when it does not
 * sign this URL and form), then makes one call into core and answers TwiML (the status callback: an empty 204).
 */
final class VoiceWebhookController {
  private static final Logger log = LoggerFactory.getLogger(VoiceWebhookController.class);
  private static final String XML = "application/xml; charset=utf-8";
  /** Call statuses after which nothing more happens to a call or leg. */
  private static final Set<String> FINAL = Set.of("completed", "busy", "failed", "no-answer", "canceled");

  private final TwilioSignature signature;
  private final Twiml twiml;
  private final CallRouter router;
  private final CallRecorder recorder;

  VoiceWebhookController(TwilioSignature signature, Twiml twiml, CallRouter router, CallRecorder recorder) {
    this.signature = signature;
    this.twiml = twiml;
    this.router = router;
    this.recorder = recorder;
  }

  void incoming(Context ctx) {
    signed(ctx).ifPresent(form -> handle(ctx, () ->
        xml(ctx, router.incoming(form.sid("CallSid"), form.field("From"), form.field("To")), form.sid("CallSid"))));
  }

  void dialComplete(Context ctx) {
    signed(ctx).ifPresent(form -> handle(ctx, () ->
        xml(ctx, router.dialEnded(form.sid("CallSid"), form.field("DialCallStatus")), form.sid("CallSid"))));
  }

  /**
   * A leg's status (one member's phone or softphone: it has a ParentCallSid, the caller's call) or the caller's
   * call's own. "answered" (or in-progress) on a leg records who answered; a final status records the end.
   */
  void status(Context ctx) {
    signed(ctx).ifPresent(form -> handle(ctx, () -> {
      String callSid = form.sid("CallSid");
      String status = form.field("CallStatus");
      Integer duration = form.seconds("CallDuration");
      if (form.field("ParentCallSid") == null) {
        if (status != null) {
          recorder.status(callSid, status, duration, FINAL.contains(status));
        }
      } else {
        String parent = form.sid("ParentCallSid");
        if ("in-progress".equals(status) || "answered".equals(status)) {
          memberOf(form.field("To")).ifPresent(member -> recorder.answered(parent, member));
        } else if ("completed".equals(status)) {
          memberOf(form.field("To")).ifPresent(member -> recorder.legEnded(parent, member, duration));
        }
      }
      ctx.status(204);
    }));
  }

  void voicemail(Context ctx) {
    signed(ctx).ifPresent(form -> handle(ctx, () -> {
      String url = form.field("RecordingUrl");
      if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 2048
          || url.chars().anyMatch(c -> c <= ' ')) {
        throw new TwilioForm.Malformed("Missing or malformed RecordingUrl");
      }
      Integer seconds = form.seconds("RecordingDuration");
      recorder.voicemail(form.sid("CallSid"), form.field("From"), url, seconds == null ? 0 : seconds);
      xml(ctx, new Route.Hangup(), form.sid("CallSid"));
    }));
  }

  /** The member a leg rang: {@code client:agent_<id>} for the softphone, else the member with that number. */
  private Optional<String> memberOf(String to) {
    if (to == null) {
      return Optional.empty();
    }
    String client = "client:" + Twiml.CLIENT_PREFIX;
    if (to.startsWith(client)) {
      return Optional.of(to.substring(client.length())).filter(id -> !id.isBlank());
    }
    return recorder.memberWithPhone(to).map(TeamMember::id);
  }

  /** The form when its signature is right; otherwise the answer (400 or 403) is given and empty returned. */
  private Optional<TwilioForm> signed(Context ctx) {
    TwilioForm form;
    try {
      form = TwilioForm.parse(body(ctx));
    } catch (TwilioForm.Malformed e) {
      // not knowing whether Twilio signed it, say no more than a wrong signature would
      forbidden(ctx);
      return Optional.empty();
    }
    if (!signature.valid(ctx.path(), ctx.queryString(), form.fields(), ctx.header("X-Twilio-Signature"))) {
      forbidden(ctx);
      return Optional.empty();
    }
    return Optional.of(form);
  }

  /**
   * The form's bytes, read at their declared length into one array: Javalin's {@code bodyAsBytes()} copies through
   * two 8 kB buffers (about 20 kB per webhook). The body limit in front of the route has refused a longer declared
   * body already.
   */
  private static byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared < 0 || declared > VoiceRoutes.MAX_WEBHOOK_BYTES) {
      return ctx.bodyAsBytes();
    }
    try {
      return ctx.req().getInputStream().readNBytes((int) declared);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void forbidden(Context ctx) {
    ctx.status(403).contentType("text/plain; charset=utf-8").result("Invalid or missing X-Twilio-Signature");
  }

  /**
   * Writes the TwiML straight to the response, with its length: Javalin's {@code result(...)} would copy it
   * through an 8 kB buffer per answer.
   */
  private void xml(Context ctx, Route route, String callSid) {
    byte[] body = twiml.render(route, callSid).getBytes(StandardCharsets.UTF_8);
    ctx.contentType(XML);
    ctx.res().setContentLength(body.length);
    try {
      ctx.res().getOutputStream().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the caller hung up: Twilio retries or moves on
    }
  }

  private static void handle(Context ctx, Step step) {
    try {
      step.run();
    } catch (TwilioForm.Malformed e) {
      log.warn("refused a signed Twilio post to {}: {}", ctx.path(), e.getMessage());
      ctx.status(400).contentType("text/plain; charset=utf-8").result(e.getMessage());
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws TwilioForm.Malformed;
  }
}
