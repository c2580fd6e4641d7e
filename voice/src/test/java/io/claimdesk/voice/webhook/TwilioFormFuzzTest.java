package io.claimdesk.voice.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Coverage-guided fuzzing (Jazzer) of how a Twilio webhook's form is read and checked: any bytes are either read
 * into fields (each name given once, none blank) or refused with {@link TwilioForm.Malformed} and a message, which
 * the webhooks answer with 403 (before the signature) or 400 (after); reading an id or a number of seconds from the
 * fields likewise; the signature check answers true or false and never throws. Anything else would reach Twilio as a
 * 500. Regression mode (every {@code verify}) runs the inputs under {@code TwilioFormFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}, and a crash it finds is committed there as a new input.
 */
class TwilioFormFuzzTest {
  private static final TwilioSignature SIGNATURE = new TwilioSignature("token", "https://claimdesk.example.com");

  @FuzzTest(maxDuration = "10m")
  void anyFormIsReadOrRefusedWithAReason(byte[] input) {
    TwilioForm form;
    try {
      form = TwilioForm.parse(input);
    } catch (TwilioForm.Malformed refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    Map<String, String> fields = form.fields();
    assertThat(fields.keySet()).allSatisfy(name -> assertThat(name).isNotEmpty());
    String signed = fields.getOrDefault("Signature", "");
    boolean valid = SIGNATURE.valid("/voice/status", fields.get("q"), fields, signed);
    if (signed.isBlank()) {
      assertThat(valid).isFalse();
    }
    for (String name : new String[] {"CallSid", "ParentCallSid"}) {
      try {
        String sid = form.sid(name);
        assertThat(sid).hasSizeBetween(34, 64).startsWith(sid.substring(0, 2).toUpperCase());
      } catch (TwilioForm.Malformed refused) {
        assertThat(refused.getMessage()).contains(name);
      }
    }
    try {
      Integer seconds = form.seconds("CallDuration");
      if (seconds != null) {
        assertThat(seconds).isNotNegative();
      }
    } catch (TwilioForm.Malformed refused) {
      assertThat(refused.getMessage()).contains("CallDuration");
    }
  }
}
