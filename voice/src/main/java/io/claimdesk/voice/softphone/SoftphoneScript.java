package io.claimdesk.voice.softphone;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The script every dashboard page loads: the softphone bundle (built with npm into this jar), or, in a build without
 * npm, a few lines that say the phone needs one. Read once; served from this server only, never from a CDN.
 */
final class SoftphoneScript {
  static final String BUNDLE = "/io/claimdesk/voice/softphone/bundle/softphone.js";
  private static final String WITHOUT_BUNDLE = "/io/claimdesk/voice/softphone/no-bundle.js";

  private final boolean bundled;
  private final byte[] body;

  private SoftphoneScript(boolean bundled, byte[] body) {
    this.bundled = bundled;
    this.body = body;
  }

  /** The bundle if this build has it, preceded by the signalling host when one replaces Twilio's (tests). */
  static SoftphoneScript load(String signalingHost) {
    byte[] bundle = read(BUNDLE);
    if (bundle == null) {
      return new SoftphoneScript(false, read(WITHOUT_BUNDLE));
    }
    String settings = signalingHost == null ? "" : "window.claimdeskPhone={\"signalingHost\":\"" + signalingHost
        + "\"};\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream(bundle.length + settings.length());
    out.writeBytes(settings.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bundle);
    return new SoftphoneScript(true, out.toByteArray());
  }

  boolean bundled() {
    return bundled;
  }

  void serve(Context ctx) {
    ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "private, no-cache")
        .header("X-Content-Type-Options", "nosniff").result(body);
  }

  private static byte[] read(String resource) {
    try (InputStream in = SoftphoneScript.class.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
