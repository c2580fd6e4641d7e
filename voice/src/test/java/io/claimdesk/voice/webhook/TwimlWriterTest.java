package io.claimdesk.voice.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Identity;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import io.claimdesk.core.voice.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * claimdesk writes the SDK's TwiML model with {@link TwimlWriter} instead of {@code TwiML.toXml()}: the same text,
 * character for character, for every answer it gives and for any text in bodies, attributes and options.
 */
class TwimlWriterTest {
  private static final String CALL_SID = "CA" + "0123456789abcdef".repeat(2);
  private static final List<String> NAMES = List.of("Ana Lima", "O'Brien & <Sons> \"Ltd\"", "Zoë Ćwik 日本 😀",
      "line\nbreak\ttab\r", "+14155550101", "]]> &amp; &#x41;", "");
  private final Twiml twiml = new Twiml(20, "https://claimdesk.example.com");

  private static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (String name : NAMES) {
      routes.add(new Route.Ring(0, name, List.of(new Route.Ringee("64b0c0ffee0000000000a001", null))));
      routes.add(new Route.Ring(0, name, List.of(new Route.Ringee("64b0c0ffee0000000000a002", "+14155550142"))));
      routes.add(new Route.Ring(1, name, List.of(new Route.Ringee("64b0c0ffee0000000000a001", null),
          new Route.Ringee("64b0c0ffee0000000000a002", "+14155550142"),
          new Route.Ringee("64b0c0ffee0000000000a003", null))));
    }
    routes.add(new Route.Ring(1, "Fallback", IntStream.range(0, 10)
        .mapToObj(i -> new Route.Ringee(String.format("64b0c0ffee00000000000%03d", i), null)).toList()));
    routes.add(new Route.Voicemail());
    routes.add(new Route.Hangup());
    return routes;
  }

  @Test
  void everyAnswerShouldBeTheTextTheSdkWrites() throws Exception {
    List<Route> routes = routes();
    for (Route route : routes) {
      String sdk = twiml.response(route, CALL_SID).toXml();
      assertThat(twiml.render(route, CALL_SID)).as(route.toString()).isEqualTo(sdk);
    }
    // what the SDK writes, to show that the comparison compares something
    assertThat(twiml.render(routes.get(3), CALL_SID)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Response><Dial action=\"https://claimdesk.example.com/voice/dial-complete\" timeout=\"20\">"
        + "<Client statusCallback=\"https://claimdesk.example.com/voice/status\""
        + " statusCallbackEvent=\"initiated ringing answered completed\">"
        + "<Identity>agent_64b0c0ffee0000000000a001</Identity>"
        + "<Parameter name=\"callerName\" value=\"O'Brien &amp; &lt;Sons&gt; &quot;Ltd&quot;\"/>"
        + "<Parameter name=\"callSid\" value=\"" + CALL_SID + "\"/></Client></Dial></Response>");
    assertThat(twiml.render(new Route.Voicemail(), CALL_SID)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Response><Say>Nobody can take your call right now. Please leave a message after the tone.</Say>"
        + "<Record action=\"https://claimdesk.example.com/voice/voicemail\" maxLength=\"120\" playBeep=\"true\"/>"
        + "</Response>");
  }

  @Test
  void anyTextShouldBeEscapedAsTheSdkEscapesIt() throws Exception {
    // every character class the JDK's serializer treats apart, in bodies, attributes and options
    String palette = "aZ09 &<>\"'\t\n\r\u0000\u0001\u001f\u007f\u0080\u009f\u00a0éÆ\u2028\ufeff\ufffe\uffff日";
    Random random = new Random(18);
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        if (random.nextInt(8) == 0) {
          text.append("\uD83D\uDE00"); // beyond the BMP: a surrogate pair
        } else {
          text.append(palette.charAt(random.nextInt(palette.length())));
        }
      }
      String value = text.toString();
      VoiceResponse model = new VoiceResponse.Builder().say(new Say.Builder(value).build())
          .dial(new Dial.Builder().action("/a?x=" + value).client(new Client.Builder()
              .identity(new Identity.Builder(value).build())
              .parameter(new Parameter.Builder().name("callerName").value(value).build()).build())
              .option("data-x", value).build()).build();
      assertThat(TwimlWriter.write(model)).as("%s", value.chars().mapToObj(Integer::toHexString).toList())
          .isEqualTo(model.toXml());
    }
  }

  @Test
  void aLoneSurrogateShouldBeWrittenAsAReplacementCharacterWhereTheSdkFails() {
    Route ring = new Route.Ring(0, "Ana \uD83D Lima", List.of(new Route.Ringee("a1", null)));
    TwimlDoc doc = TwimlDoc.parse(twiml.render(ring, CALL_SID));
    assertThat(doc.first("Parameter").getAttribute("value")).isEqualTo("Ana \uFFFD Lima");
    assertThatThrownBy(() -> twiml.response(ring, CALL_SID).toXml()).isInstanceOf(TwiMLException.class);
  }

  @Test
  void urlsShouldBeAbsoluteOnTheBaseUrlWithOrWithoutItsTrailingSlash() {
    Route ring = new Route.Ring(0, "Ana", List.of(new Route.Ringee("a1", "+14155550142")));
    String xml = new Twiml(15, "https://example.com/claimdesk/").render(ring, CALL_SID);
    TwimlDoc doc = TwimlDoc.parse(xml);
    assertThat(doc.first("Dial").getAttribute("action")).isEqualTo("https://example.com/claimdesk/voice/dial-complete");
    assertThat(doc.first("Dial").getAttribute("timeout")).isEqualTo("15");
    assertThat(doc.first("Number").getAttribute("statusCallback"))
        .isEqualTo("https://example.com/claimdesk/voice/status");
    assertThat(TwimlDoc.parse(new Twiml(15, "https://example.com/claimdesk").render(new Route.Voicemail(), CALL_SID))
        .first("Record").getAttribute("action")).isEqualTo("https://example.com/claimdesk/voice/voicemail");
  }

  @Test
  void threadsWritingAtOnceShouldEachGetTheirOwnAnswer() throws Exception {
    List<Route> routes = routes();
    List<String> expected = new ArrayList<>();
    for (Route route : routes) {
      expected.add(twiml.response(route, CALL_SID).toXml());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        done.add(pool.submit(() -> {
          int checked = 0;
          for (int i = 0; i < 300; i++) {
            int r = (i + offset) % routes.size();
            assertThat(twiml.render(routes.get(r), CALL_SID)).isEqualTo(expected.get(r));
            checked++;
          }
          return checked;
        }));
      }
      for (Future<Integer> f : done) {
        assertThat(f.get()).isEqualTo(300);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
